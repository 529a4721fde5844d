import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { EipAssociation } from '@cdktf/provider-aws/lib/eip-association';
import YAML from 'yaml';
import {
  AMI_SSM_PARAMETERS,
  AppHost,
  AppHostProps,
  CW_AGENT_DIMENSIONS,
  EIP_ALLOCATION_TAG,
  USER_DATA_LIMIT_BYTES,
} from '../../../modules/compose-host';

type Block = Record<string, unknown>;
interface SynthJson {
  resource?: Record<string, Record<string, Block>>;
}

function hostProps(overrides: Partial<AppHostProps> = {}): AppHostProps {
  return {
    name: 'mlmon-dev-app',
    region: 'us-east-1',
    subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
    securityGroupIds: ['sg-0123456789abcdef0'],
    instanceProfileName: 'mlmon-dev-app',
    instanceType: 't3.medium',
    bucketName: 'mlmon-dev-us-east-1',
    logGroups: { api: '/mlmon/dev/api', prometheus: '/mlmon/dev/prometheus', grafana: '/mlmon/dev/grafana' },
    grafanaAdminPasswordParameter: '/mlmon/dev/grafana/admin-password',
    stack: { modelImage: 'ghcr.io/acme/shill-bidding-api:1.4.2' },
    ...overrides,
  };
}

/** Terraform references to the launch template's id and latest version. */
const LT_ID = /^\$\{aws_launch_template\.app_launch-template_\w+\.id\}$/;
const LT_VERSION = /^\$\{aws_launch_template\.app_launch-template_\w+\.latest_version\}$/;

function build(overrides: Partial<AppHostProps> = {}): { host: AppHost; text: string; json: SynthJson } {
  const stack = new TerraformStack(Testing.app(), 'test');
  const host = new AppHost(stack, 'app', hostProps(overrides));
  const text = Testing.synth(stack);
  return { host, text, json: JSON.parse(text) as SynthJson };
}

function only(json: SynthJson, type: string): Block {
  const all = Object.values(json.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

function count(json: SynthJson, type: string): number {
  return Object.keys(json.resource?.[type] ?? {}).length;
}

function decodedUserData(json: SynthJson): string {
  return Buffer.from(only(json, 'aws_launch_template').user_data as string, 'base64').toString('utf8');
}

describe('AppHost with defaults (instance mode)', () => {
  const { host, text, json } = build();
  const lt = only(json, 'aws_launch_template');

  it('requires IMDSv2 with hop limit 1 and exposes instance tags in metadata', () => {
    expect(text).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: {
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 1,
        instance_metadata_tags: 'enabled',
      },
    });
  });

  it('gives the root device an encrypted 30 GiB gp3 volume on /dev/xvda (Amazon Linux)', () => {
    expect(lt.block_device_mappings).toEqual([
      {
        device_name: '/dev/xvda',
        ebs: { delete_on_termination: 'true', encrypted: 'true', volume_size: 30, volume_type: 'gp3' },
      },
    ]);
  });

  it('enables detailed monitoring, sets the instance profile and instance type', () => {
    expect(text).toHaveResourceWithProperties(LaunchTemplate, {
      monitoring: { enabled: true },
      iam_instance_profile: { name: 'mlmon-dev-app' },
      instance_type: 't3.medium',
      name: 'mlmon-dev-app',
      update_default_version: true,
    });
  });

  it('resolves the latest Amazon Linux 2023 x86_64 image at launch', () => {
    expect(lt.image_id).toBe(
      'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    );
    expect(host.ami).toMatchObject({ os: 'al2023', architecture: 'x86_64', rootDeviceName: '/dev/xvda' });
  });

  it('puts the security groups on the template (the instance sets the subnet)', () => {
    expect(lt.vpc_security_group_ids).toEqual(['sg-0123456789abcdef0']);
    expect(lt.network_interfaces).toBeUndefined();
  });

  it('tags instances, volumes and network interfaces at launch with Name', () => {
    expect(lt.tag_specifications).toEqual(
      ['instance', 'volume', 'network-interface'].map((resource_type) => ({
        resource_type,
        tags: { Name: 'mlmon-dev-app' },
      })),
    );
  });

  it('encodes the rendered cloud-init into the template as base64 of userData', () => {
    expect(decodedUserData(json)).toBe(host.userData);
    expect(host.userData.startsWith('#cloud-config\n')).toBe(true);
    expect(() => YAML.parse(host.userData)).not.toThrow();
  });

  it('keeps the user data under the EC2 limit', () => {
    expect(host.userDataSizeInBytes).toBe(Buffer.byteLength(host.userData));
    expect(host.userDataSizeInBytes).toBeLessThan(USER_DATA_LIMIT_BYTES);
  });

  it('launches one instance from the exact latest template version in the first subnet, without a public IP', () => {
    const instance = only(json, 'aws_instance');
    expect(instance).toEqual({
      launch_template: {
        id: expect.stringMatching(LT_ID),
        version: expect.stringMatching(LT_VERSION),
      },
      subnet_id: 'subnet-0123456789abcdef0',
      associate_public_ip_address: false,
      disable_api_termination: false,
      tags: { Name: 'mlmon-dev-app' },
    });
  });

  it('creates no Auto Scaling group and no Elastic IP', () => {
    expect(count(json, 'aws_autoscaling_group')).toBe(0);
    expect(count(json, 'aws_eip')).toBe(0);
    expect(count(json, 'aws_eip_association')).toBe(0);
  });

  it('exposes the instance attributes and no Auto Scaling or EIP attributes', () => {
    expect(host.instanceId).toBeDefined();
    expect(host.privateIp).toBeDefined();
    expect(host.autoScalingGroupName).toBeUndefined();
    expect(host.publicIp).toBeUndefined();
    expect(host.elasticIpAllocationId).toBeUndefined();
    expect(host.launchTemplateId).toBeDefined();
    expect(host.launchTemplateLatestVersion).toBeDefined();
  });

  it('names the InstanceId dimension for CloudWatch agent alarms', () => {
    expect(Object.keys(host.cloudWatchAgentDimensions)).toEqual([CW_AGENT_DIMENSIONS.instanceId]);
    expect(host.cloudWatchAgentDimensions.InstanceId).toBe(host.instanceId);
  });

  it('lists the IAM statements the host needs, without EIP, DescribeTags or ECR statements', () => {
    expect(host.iamStatements.map((s) => s.sid)).toEqual([
      'ListModels',
      'ReadModels',
      'GrafanaAdminPassword',
      'ContainerLogs',
      'AgentMetrics',
    ]);
    expect(host.managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore']);
  });
});

describe('AppHost image per OS and architecture', () => {
  it.each([
    ['al2023', 'x86_64', 't3.medium', '/dev/xvda'],
    ['al2023', 'arm64', 't4g.medium', '/dev/xvda'],
    ['ubuntu-22.04', 'x86_64', 't3.medium', '/dev/sda1'],
    ['ubuntu-22.04', 'arm64', 'm7g.large', '/dev/sda1'],
    ['ubuntu-24.04', 'x86_64', 't3.large', '/dev/sda1'],
    ['ubuntu-24.04', 'arm64', 'c7gn.large', '/dev/sda1'],
  ] as const)('%s %s: resolve:ssm image and root device %s', (os, architecture, instanceType, device) => {
    const { json } = build({ ami: { os, architecture }, instanceType });
    const lt = only(json, 'aws_launch_template');
    expect(lt.image_id).toBe(`resolve:ssm:${AMI_SSM_PARAMETERS[os][architecture]}`);
    expect((lt.block_device_mappings as Block[])[0].device_name).toBe(device);
  });

  it('uses the exact public parameter names', () => {
    expect(AMI_SSM_PARAMETERS['ubuntu-24.04'].x86_64).toBe(
      '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id',
    );
    expect(AMI_SSM_PARAMETERS['ubuntu-22.04'].arm64).toBe(
      '/aws/service/canonical/ubuntu/server/22.04/stable/current/arm64/hvm/ebs-gp2/ami-id',
    );
    expect(AMI_SSM_PARAMETERS.al2023.arm64).toBe(
      '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
    );
  });

  it('pins a parameter version when asked', () => {
    const { json } = build({ ami: { os: 'al2023', parameterVersion: 42 } });
    expect(only(json, 'aws_launch_template').image_id).toBe(
      `resolve:ssm:${AMI_SSM_PARAMETERS.al2023.x86_64}:42`,
    );
  });

  it('takes an explicit AMI id, with the OS deciding the root device and bootstrap', () => {
    const { host, json } = build({ ami: { amiId: 'ami-0123456789abcdef0', os: 'ubuntu-24.04' } });
    const lt = only(json, 'aws_launch_template');
    expect(lt.image_id).toBe('ami-0123456789abcdef0');
    expect((lt.block_device_mappings as Block[])[0].device_name).toBe('/dev/sda1');
    expect(host.userData).toContain('apt-get install -y -q docker.io docker-compose-v2');
  });

  it('honours an explicit root device name for a custom image', () => {
    const { json } = build({ ami: { amiId: 'ami-0123abcd', rootDeviceName: '/dev/xvdb' } });
    expect((only(json, 'aws_launch_template').block_device_mappings as Block[])[0].device_name).toBe(
      '/dev/xvdb',
    );
  });
});

describe('AppHost opt-outs and options (instance mode)', () => {
  it('sizes the root volume and uses a customer-managed key', () => {
    const kms = 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666';
    const { json } = build({ rootVolumeSizeInGiB: 50, rootVolumeKmsKeyArn: kms });
    expect((only(json, 'aws_launch_template').block_device_mappings as Block[])[0].ebs).toEqual({
      delete_on_termination: 'true',
      encrypted: 'true',
      kms_key_id: kms,
      volume_size: 50,
      volume_type: 'gp3',
    });
  });

  it('turns detailed monitoring off', () => {
    const { text } = build({ detailedMonitoring: false });
    expect(text).toHaveResourceWithProperties(LaunchTemplate, { monitoring: { enabled: false } });
  });

  it('associates a public IP when asked', () => {
    const { text } = build({ associatePublicIp: true });
    expect(text).toHaveResourceWithProperties(Instance, { associate_public_ip_address: true });
  });

  it('turns on termination protection', () => {
    const { text } = build({ terminationProtection: true });
    expect(text).toHaveResourceWithProperties(Instance, { disable_api_termination: true });
  });

  it('keeps the running instance on template changes when replaceOnLaunchTemplateChange is false', () => {
    const { json } = build({ replaceOnLaunchTemplateChange: false });
    expect(only(json, 'aws_instance').lifecycle).toEqual({ ignore_changes: ['launch_template'] });
  });

  it('merges module tags with Name everywhere', () => {
    const { json } = build({ tags: { Project: 'mlmon', Environment: 'dev' } });
    const tags = { Project: 'mlmon', Environment: 'dev', Name: 'mlmon-dev-app' };
    expect(only(json, 'aws_launch_template').tags).toEqual(tags);
    expect(only(json, 'aws_instance').tags).toEqual(tags);
    for (const spec of only(json, 'aws_launch_template').tag_specifications as Block[]) {
      expect(spec.tags).toEqual(tags);
    }
  });

  it('adds the caller dependencies to the instance', () => {
    const stack = new TerraformStack(Testing.app(), 'deps');
    const dep = new Eip(stack, 'unrelated', { domain: 'vpc' });
    new AppHost(stack, 'app', hostProps({ dependsOn: [dep] }));
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    expect(only(json, 'aws_instance').depends_on).toEqual(['aws_eip.unrelated']);
  });

  it('scopes IAM ARNs to an account and adds KMS and ECR statements when needed', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666';
    const { host } = build({
      accountId: '123456789012',
      grafanaAdminPasswordKmsKeyArn: key,
      stack: { modelImage: '123456789012.dkr.ecr.us-east-1.amazonaws.com/mlmon/api:1.4.2' },
    });
    const bySid = Object.fromEntries(host.iamStatements.map((s) => [s.sid, s]));
    expect(bySid.GrafanaAdminPassword.resources).toEqual([
      'arn:aws:ssm:us-east-1:123456789012:parameter/mlmon/dev/grafana/admin-password',
    ]);
    expect(bySid.GrafanaAdminPasswordKey.resources).toEqual([key]);
    expect(bySid.EcrPull.resources).toEqual(['arn:aws:ecr:us-east-1:123456789012:repository/mlmon/api']);
    expect(bySid.EcrAuth.resources).toEqual(['*']);
    expect(host.userData).toContain(
      "aws ecr get-login-password --region 'us-east-1' | docker login --username AWS --password-stdin '123456789012.dkr.ecr.us-east-1.amazonaws.com'",
    );
    expect(host.userData).toContain('--key-id "$GRAFANA_KMS_KEY"');
  });

  it('uses the partition of China and GovCloud regions in ARNs', () => {
    const { host } = build({ region: 'cn-north-1' });
    expect(host.managedPolicyArns).toEqual(['arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore']);
    expect(host.iamStatements[0].resources).toEqual(['arn:aws-cn:s3:::mlmon-dev-us-east-1']);
  });
});

describe('AppHost with an Elastic IP (instance mode)', () => {
  const { host, text, json } = build({ elasticIp: true });

  it('creates a VPC Elastic IP and associates it with the instance', () => {
    expect(text).toHaveResourceWithProperties(Eip, { domain: 'vpc', tags: { Name: 'mlmon-dev-app-eip' } });
    expect(only(json, 'aws_eip_association')).toEqual({
      allocation_id: expect.stringMatching(/^\$\{aws_eip\.app_eip_\w+\.allocation_id\}$/),
      instance_id: expect.stringMatching(/^\$\{aws_instance\.app_instance_\w+\.id\}$/),
    });
    expect(text).toHaveResource(EipAssociation);
  });

  it('exposes the address and allocation id', () => {
    expect(host.publicIp).toBeDefined();
    expect(host.elasticIpAllocationId).toBeDefined();
  });

  it('does not make the host claim the address itself', () => {
    expect(host.userData).not.toContain('associate-address');
    expect(host.iamStatements.map((s) => s.sid)).not.toContain('ClaimElasticIp');
    expect(count(json, 'aws_autoscaling_group')).toBe(0);
  });
});

describe('AppHost in Auto Scaling mode', () => {
  const { host, text, json } = build({ mode: 'autoScaling', tags: { Project: 'mlmon' } });
  const lt = only(json, 'aws_launch_template');
  const asg = only(json, 'aws_autoscaling_group');

  it('creates a group of exactly one over every subnet, with EC2 health checks', () => {
    expect(text).toHaveResourceWithProperties(AutoscalingGroup, {
      name: 'mlmon-dev-app',
      min_size: 1,
      max_size: 1,
      desired_capacity: 1,
      vpc_zone_identifier: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      health_check_type: 'EC2',
      health_check_grace_period: 300,
    });
    expect(count(json, 'aws_instance')).toBe(0);
  });

  it('follows the exact latest template version and refreshes instances in place on change', () => {
    expect(asg.launch_template).toEqual({
      id: expect.stringMatching(LT_ID),
      version: expect.stringMatching(LT_VERSION),
    });
    expect(asg.instance_refresh).toEqual({
      strategy: 'Rolling',
      preferences: { min_healthy_percentage: 0, max_healthy_percentage: 100, instance_warmup: '300' },
    });
  });

  it('propagates module tags and Name to launched instances (default_tags do not reach them)', () => {
    expect(asg.tag).toEqual([
      { key: 'Project', value: 'mlmon', propagate_at_launch: true },
      { key: 'Name', value: 'mlmon-dev-app', propagate_at_launch: true },
    ]);
  });

  it('moves security groups and the public-IP choice into the network interface', () => {
    expect(lt.vpc_security_group_ids).toBeUndefined();
    expect(lt.network_interfaces).toEqual([
      {
        device_index: 0,
        associate_public_ip_address: 'false',
        security_groups: ['sg-0123456789abcdef0'],
        delete_on_termination: 'true',
      },
    ]);
  });

  it('publishes group metrics', () => {
    expect(asg.enabled_metrics).toContain('GroupInServiceInstances');
    expect(asg.metrics_granularity).toBe('1Minute');
  });

  it('exposes the group name, the AutoScalingGroupName alarm dimension and DescribeTags for the agent', () => {
    expect(host.autoScalingGroupName).toBeDefined();
    expect(host.instanceId).toBeUndefined();
    expect(host.cloudWatchAgentDimensions).toEqual({
      [CW_AGENT_DIMENSIONS.autoScalingGroupName]: host.autoScalingGroupName,
    });
    expect(host.iamStatements.map((s) => s.sid)).toContain('AgentAutoScalingDimension');
  });

  it('renders the CloudWatch agent config with the AutoScalingGroupName aggregation', () => {
    expect(host.userData).toContain('"aggregation_dimensions":[["AutoScalingGroupName"]]');
  });

  it('accepts a parked group (0/0/1) and a public IP', () => {
    const parked = build({
      mode: 'autoScaling',
      autoScaling: { minSize: 0, desiredCapacity: 0, maxSize: 1 },
      associatePublicIp: true,
    }).json;
    expect(only(parked, 'aws_autoscaling_group')).toMatchObject({
      min_size: 0,
      desired_capacity: 0,
      max_size: 1,
    });
    expect(
      (only(parked, 'aws_launch_template').network_interfaces as Block[])[0].associate_public_ip_address,
    ).toBe('true');
  });
});

describe('AppHost in Auto Scaling mode with an Elastic IP', () => {
  const { host, json } = build({ mode: 'autoScaling', elasticIp: true });
  const asg = only(json, 'aws_autoscaling_group');

  it('creates the Elastic IP but no Terraform association', () => {
    expect(count(json, 'aws_eip')).toBe(1);
    expect(count(json, 'aws_eip_association')).toBe(0);
  });

  it('hands the allocation id to the instance as a propagated tag', () => {
    expect(asg.tag).toContainEqual({
      key: EIP_ALLOCATION_TAG,
      value: expect.stringMatching(/^\$\{aws_eip\.app_eip_\w+\.allocation_id\}$/),
      propagate_at_launch: true,
    });
  });

  it('claims the address at boot with allow-reassociation, before installing packages', () => {
    const script = host.userData;
    expect(script).toContain('--allow-reassociation');
    expect(script).toContain('imds "tags/instance/$EIP_TAG"');
    const install = script.slice(script.indexOf('do_install() {'));
    expect(install.indexOf('claim_address')).toBeLessThan(install.indexOf('install_packages'));
  });

  it('adds the AssociateAddress statement scoped to the allocation', () => {
    const claim = host.iamStatements.find((s) => s.sid === 'ClaimElasticIp');
    expect(claim?.actions).toEqual(['ec2:AssociateAddress']);
    expect(claim?.resources?.[0]).toMatch(/^arn:aws:ec2:us-east-1:\*:elastic-ip\//);
    expect(claim?.resources?.[0]).toContain(host.elasticIpAllocationId as string);
  });
});

describe('AppHost with Terraform references in rendered props', () => {
  const stack = new TerraformStack(Testing.app(), 'refs');
  const bucket = new TerraformVariable(stack, 'bucket', { type: 'string' });
  const host = new AppHost(stack, 'app', hostProps({ bucketName: bucket.stringValue }));
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  const userData = only(json, 'aws_launch_template').user_data as string;

  it('lets Terraform assemble the user data from base64 literals and the reference', () => {
    expect(userData.startsWith('${base64encode(join("", [base64decode("')).toBe(true);
    expect(userData).toContain('var.bucket');
    expect(userData).not.toMatch(/mlmonref\d/);
  });

  it('estimates the size with room for the reference', () => {
    expect(host.userDataSizeInBytes).toBeGreaterThan(0);
    expect(host.userDataSizeInBytes).toBeLessThan(USER_DATA_LIMIT_BYTES);
  });
});
