import { randomBytes } from 'node:crypto';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import YAML from 'yaml';
import { ComposeHost } from '../../../modules/compose-host';
import { EIP_ALLOCATION_TAG, USER_DATA_LIMIT_BYTES } from '../../../modules/compose-host/constants';
import { Role } from '../../../modules/iam';
import { ValidationError } from '../../../modules/core/validation';
import { applyPolicyPack } from '../../../modules/policy';
import {
  buildHost,
  count,
  only,
  roleStatements,
  shopProps,
  userData,
  userDataFiles,
  yamlFile,
} from './fixtures';
import { lazy } from '../../support/lazy';

const LT_ID = /^\$\{aws_launch_template\.host_launch-template_\w+\.id\}$/;
const LT_VERSION = /^\$\{aws_launch_template\.host_launch-template_\w+\.latest_version\}$/;
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const TG = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop-db/0123456789abcdef';

interface Compose {
  name: string;
  services: Record<string, { logging?: unknown; image: string }>;
}

describe('ComposeHost with defaults (seed 003: Postgres and Redis on one host)', () => {
  const built = lazy(() => {
    const { host, json } = buildHost(shopProps());
    const lt = only(json, 'aws_launch_template');
    const asg = only(json, 'aws_autoscaling_group');
    const files = userDataFiles(json);
    return { host, json, lt, asg, files };
  });

  it('launches the latest Amazon Linux 2023 from a template with IMDSv2 only, hop limit 1', () => {
    const { host, lt } = built();
    expect(lt).toMatchObject({
      name: 'shop-dev-db',
      image_id: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      instance_type: 't3.medium',
      update_default_version: true,
      metadata_options: {
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 1,
        instance_metadata_tags: 'enabled',
      },
      monitoring: { enabled: true },
      block_device_mappings: [
        {
          device_name: '/dev/xvda',
          ebs: { volume_size: 30, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' },
        },
      ],
    });
    expect(lt.iam_instance_profile).toEqual({
      arn: expect.stringMatching(/^\$\{aws_iam_instance_profile\.host_profile_\w+\.arn\}$/),
    });
    expect(host.metadataHopLimit).toBe(1);
    expect(host.instanceRoleServices).toEqual([]);
  });

  it('runs an Auto Scaling group of one that replaces unhealthy instances in place', () => {
    const { host, json, asg } = built();
    expect(asg).toMatchObject({
      name: 'shop-dev-db',
      min_size: 1,
      max_size: 1,
      desired_capacity: 1,
      health_check_type: 'EC2',
      health_check_grace_period: 600,
      vpc_zone_identifier: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
    });
    // Terminate, then launch, for every replacement (health, rebalancing, refresh): never two copies.
    expect(asg.instance_maintenance_policy).toEqual({
      min_healthy_percentage: 0,
      max_healthy_percentage: 100,
    });
    expect(asg.instance_refresh).toEqual({
      strategy: 'Rolling',
      preferences: {
        min_healthy_percentage: 0,
        max_healthy_percentage: 100,
        instance_warmup: '300',
        skip_matching: true,
      },
    });
    expect(asg.launch_template).toEqual({
      id: expect.stringMatching(LT_ID),
      version: expect.stringMatching(LT_VERSION),
    });
    expect(asg.target_group_arns).toBeUndefined();
    expect(count(json, 'aws_instance')).toBe(0);
    expect(count(json, 'aws_eip')).toBe(0);
    expect(host.runtime.mode).toBe('autoScaling');
  });

  it('creates its own role and instance profile', () => {
    const { json } = built();
    expect(only(json, 'aws_iam_role').name).toBe('shop-dev-db-role');
    expect(only(json, 'aws_iam_instance_profile')).toMatchObject({ name: 'shop-dev-db-profile' });
  });

  it('grants the role only what the host itself does', () => {
    const { json } = built();
    const st = roleStatements(json);
    expect(Object.keys(st)).toEqual(['SsmAgent', 'PutMetricData', 'AgentDescribeTags', 'ReportOwnHealth']);
    expect(st.PutMetricData.condition).toEqual([
      { test: 'StringEquals', variable: 'cloudwatch:namespace', values: ['CWAgent'] },
    ]);
    expect(st.ReportOwnHealth).toMatchObject({
      actions: ['autoscaling:SetInstanceHealth'],
      resources: ['arn:aws:autoscaling:eu-west-1:*:autoScalingGroup:*:autoScalingGroupName/shop-dev-db'],
    });
  });

  it('compresses the user data with Terraform (base64gzip over base64-encoded literal text)', () => {
    const { host, json, lt } = built();
    expect(lt.user_data).toMatch(/^\$\{base64gzip\(base64decode\("[A-Za-z0-9+/=]+"\)\)\}$/);
    expect(userData(json)).toBe(host.userData);
    expect(host.userDataSize).toEqual({
      rawBytes: Buffer.byteLength(host.userData),
      gzipBytes: expect.any(Number),
      base64Bytes: 4 * Math.ceil(host.userDataSize.gzipBytes / 3),
      estimated: false,
    });
    expect(host.userDataSize.gzipBytes).toBeLessThan(host.userDataSize.rawBytes / 2);
  });

  it('writes the Compose file, the host files and the units, and only enables units from cloud-init', () => {
    const { json, files } = built();
    expect(Object.keys(files)).toEqual([
      '/opt/shop/compose.yml',
      '/opt/shop/.compose-host/cloudwatch-agent.json',
      '/opt/shop/.compose-host/bootstrap.sh',
      '/etc/systemd/system/shop.service',
      '/etc/systemd/system/shop-health.service',
      '/etc/systemd/system/shop-health.timer',
    ]);
    const doc = YAML.parse(userData(json)) as {
      runcmd: string[][];
      write_files: { path: string; permissions: string }[];
    };
    expect(doc.runcmd).toEqual([
      ['systemctl', 'daemon-reload'],
      ['systemctl', 'enable', '--now', '--no-block', 'shop.service'],
      ['systemctl', 'enable', '--now', 'shop-health.timer'],
    ]);
    expect(doc.write_files.find((f) => f.path.endsWith('bootstrap.sh'))?.permissions).toBe('0700');
  });

  it('writes the Compose file as given, named after the project, without logging', () => {
    const { files } = built();
    const compose = yamlFile<Compose>(files, '/opt/shop/compose.yml');
    expect(compose.name).toBe('shop');
    expect(Object.keys(compose.services)).toEqual(['db', 'cache']);
    expect(compose.services.db.logging).toBeUndefined();
  });

  it('reports what it publishes (loopback bindings included, marked by address)', () => {
    const { host } = built();
    expect(host.publishedPorts).toEqual([
      { service: 'db', port: 5432, toPort: 5432, protocol: 'tcp', hostIp: undefined },
      { service: 'cache', port: 6379, toPort: 6379, protocol: 'tcp', hostIp: '127.0.0.1' },
    ]);
    expect(host.hostNetworkServices).toEqual([]);
    expect(host.embeddedMetricsEndpoint).toBeUndefined();
  });

  it('passes the policy pack with no error findings', () => {
    const stack = new TerraformStack(Testing.app(), 'pack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new ComposeHost(stack, 'host', shopProps());
    const report: string[] = [];
    applyPolicyPack(stack, { log: (m) => report.push(m) });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    // Nothing to report: no warning and no suppression.
    expect(report).toEqual([]);
  });
});

describe('ComposeHost with every feature', () => {
  const built = lazy(() => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const role = new Role(stack, 'given-role', { name: 'shop-host', assumedBy: ['ec2.amazonaws.com'] });
    const group = (n: string) => ({
      name: `/shop/dev/${n}`,
      arn: `arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/${n}`,
    });
    const host = new ComposeHost(stack, 'host', {
      ...shopProps(),
      role,
      accountId: '111122223333',
      compose: {
        services: {
          ...shopProps().compose.services,
          api: { image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api:2.0.1', ports: ['80:8080'] },
          ops: { image: 'grafana/grafana:11.6.0', network_mode: 'host' },
        },
      },
      files: [{ path: 'conf/app.yml', content: 'a: 1', mode: '0600' }],
      logGroups: { db: group('db'), cache: group('db'), api: group('api') },
      secrets: [
        {
          parameterName: '/shop/dev/db/password',
          envFile: 'db.env',
          variable: 'POSTGRES_PASSWORD',
          kmsKeyArn: KEY,
        },
      ],
      downloads: [
        {
          bucketName: 'shop-dev-data',
          bucketArn: 'arn:aws:s3:::shop-dev-data',
          prefix: 'seed/',
          path: 'seed',
        },
      ],
      embeddedMetrics: { logGroup: group('metrics') },
      healthCheck: { urls: ['http://127.0.0.1:8080/health'], deadlineInSeconds: 1200 },
      compute: {
        mode: 'autoScaling',
        targetGroupArns: [TG],
        healthCheckType: 'ELB',
        healthCheckGracePeriodInSeconds: 900,
      },
      elasticIp: true,
      associatePublicIp: true,
      volumeTags: { Backup: 'daily' },
      rootVolumeSizeInGiB: 100,
      rootVolumeKmsKeyArn: KEY,
      containerMetadataAccess: true,
      tags: { Team: 'shop' },
    });
    const json = JSON.parse(Testing.synth(stack));
    const lt = only(json, 'aws_launch_template');
    const asg = only(json, 'aws_autoscaling_group');
    const files = userDataFiles(json);
    const st = roleStatements(json);
    return { role, host, json, lt, asg, files, st };
  });

  it('registers with the target groups and uses their health checks', () => {
    const { asg } = built();
    expect(asg).toMatchObject({
      target_group_arns: [TG],
      health_check_type: 'ELB',
      health_check_grace_period: 900,
    });
  });

  it('tags the root volume with the extra volume tags, and only the volume', () => {
    const { lt } = built();
    const specs = lt.tag_specifications as { resource_type: string; tags: Record<string, string> }[];
    expect(specs.map((s) => s.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
    expect(specs[1].tags).toEqual({ Name: 'shop-dev-db', Team: 'shop', Backup: 'daily' });
    expect(specs[0].tags).toEqual({ Name: 'shop-dev-db', Team: 'shop' });
  });

  it('raises the hop limit only when asked, and says every service then holds the role', () => {
    const { host, lt } = built();
    expect((lt.metadata_options as { http_put_response_hop_limit: number }).http_put_response_hop_limit).toBe(
      2,
    );
    expect(host.instanceRoleServices).toEqual(['db', 'cache', 'api', 'ops']);
    expect(host.hostNetworkServices).toEqual(['ops']);
  });

  it('claims its Elastic IP at boot from a propagated tag', () => {
    const { asg, st } = built();
    expect(asg.tag).toEqual(
      expect.arrayContaining([
        {
          key: EIP_ALLOCATION_TAG,
          value: expect.stringMatching(/^\$\{aws_eip\.host_eip_\w+\.allocation_id\}$/),
          propagate_at_launch: true,
        },
      ]),
    );
    expect(st.ClaimElasticIp.resources).toEqual([
      expect.stringMatching(
        /^arn:aws:ec2:eu-west-1:111122223333:elastic-ip\/\$\{aws_eip\.host_eip_\w+\.allocation_id\}$/,
      ),
      'arn:aws:ec2:eu-west-1:111122223333:instance/*',
      'arn:aws:ec2:eu-west-1:111122223333:network-interface/*',
    ]);
  });

  it('adds its statements to the role it is given, each scoped to the host resources', () => {
    const { role, host, json, st } = built();
    expect(Object.keys(st)).toEqual([
      'SsmAgent',
      'PutMetricData',
      'AgentDescribeTags',
      'LogsWrite',
      'GeneratedSecrets',
      'GeneratedSecretsKey',
      'BucketList',
      'BucketRead',
      'EcrAuth',
      'EcrPull',
      'ClaimElasticIp',
      'ReportOwnHealth',
    ]);
    expect(st.LogsWrite.resources).toEqual([
      'arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/db',
      'arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/db:*',
      'arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/api',
      'arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/api:*',
      'arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/metrics',
      'arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/metrics:*',
    ]);
    expect(st.GeneratedSecrets).toMatchObject({
      actions: ['ssm:GetParameter', 'ssm:PutParameter'],
      resources: ['arn:aws:ssm:eu-west-1:111122223333:parameter/shop/dev/db/password'],
    });
    expect(st.GeneratedSecretsKey).toMatchObject({
      resources: [KEY],
      condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['ssm.*.amazonaws.com'] }],
    });
    expect(st.BucketRead.resources).toEqual(['arn:aws:s3:::shop-dev-data/seed/*']);
    expect(st.EcrPull.resources).toEqual(['arn:aws:ecr:eu-west-1:111122223333:repository/shop/api']);
    expect(count(json, 'aws_iam_role')).toBe(1);
    expect(host.role).toBe(role);
  });

  it('sends the logs of the services that have a group to CloudWatch, one stream per instance', () => {
    const { files } = built();
    const compose = yamlFile<Compose>(files, '/opt/shop/compose.yml');
    expect(compose.services.db.logging).toEqual({
      driver: 'awslogs',
      options: {
        'awslogs-region': 'eu-west-1',
        'awslogs-group': '/shop/dev/db',
        'awslogs-stream': 'db/$INSTANCE_ID',
        'awslogs-create-group': 'false',
        mode: 'non-blocking',
        'max-buffer-size': '4m',
      },
    });
    expect(compose.services.ops.logging).toBeUndefined();
  });

  it('listens for embedded metrics on TCP 25888 for the containers', () => {
    const { host, files } = built();
    expect(host.embeddedMetricsEndpoint).toBe('tcp://host.docker.internal:25888');
    const agent = JSON.parse(files['/opt/shop/.compose-host/cloudwatch-agent.json']) as Record<
      string,
      unknown
    >;
    expect(agent.logs).toEqual({ metrics_collected: { emf: { service_address: 'tcp://0.0.0.0:25888' } } });
  });

  it('writes project files with their mode', () => {
    const { json } = built();
    const doc = YAML.parse(userData(json)) as {
      write_files: { path: string; permissions: string; content: string }[];
    };
    expect(doc.write_files.find((f) => f.path === '/opt/shop/conf/app.yml')).toEqual({
      path: '/opt/shop/conf/app.yml',
      permissions: '0600',
      content: 'a: 1\n',
    });
  });

  it('checks the health URLs with the given deadline', () => {
    const { files } = built();
    const script = files['/opt/shop/.compose-host/bootstrap.sh'];
    expect(script).toContain(
      "readonly HEALTH_DEADLINE_SECONDS=1200\nreadonly -a HEALTH_URLS=('http://127.0.0.1:8080/health')",
    );
  });
});

describe('ComposeHost as one instance', () => {
  const built = lazy(() => {
    const { host, json } = buildHost(
      shopProps({
        compute: { mode: 'instance', replaceOnLaunchTemplateChange: false, terminationProtection: true },
        elasticIp: true,
        associatePublicIp: true,
      }),
    );
    const instance = only(json, 'aws_instance');
    return { host, json, instance };
  });

  it('launches one instance from the template into the first subnet', () => {
    const { json, instance } = built();
    expect(instance).toMatchObject({
      subnet_id: 'subnet-0123456789abcdef0',
      associate_public_ip_address: true,
      disable_api_termination: true,
      lifecycle: { ignore_changes: ['launch_template'] },
    });
    expect(instance.launch_template).toEqual({
      id: expect.stringMatching(LT_ID),
      version: expect.stringMatching(LT_VERSION),
    });
    expect(only(json, 'aws_launch_template').vpc_security_group_ids).toEqual(['sg-0123456789abcdef0']);
    expect(count(json, 'aws_autoscaling_group')).toBe(0);
    expect(count(json, 'aws_eip_association')).toBe(1);
  });

  it('exposes the instance through the runtime union', () => {
    const { host } = built();
    expect(host.runtime.mode).toBe('instance');
    if (host.runtime.mode === 'instance') {
      expect(host.runtime.instanceId).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
      expect(host.cloudWatchAgentDimensions).toEqual({ InstanceId: host.runtime.instanceId });
    }
  });

  it('installs no health reporting: an instance has no group to report to', () => {
    const { json } = built();
    expect(Object.keys(userDataFiles(json))).not.toContain('/etc/systemd/system/shop-health.timer');
    expect(Object.keys(roleStatements(json))).toEqual(['SsmAgent', 'PutMetricData']);
  });
});

describe('ComposeHost user data built from Terraform references', () => {
  const built = lazy(() => {
    const stack = new TerraformStack(Testing.app(), 'refs');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const bucket = new TerraformVariable(stack, 'bucket', { type: 'string' });
    const host = new ComposeHost(stack, 'host', {
      ...shopProps(),
      downloads: [
        {
          bucketName: bucket.stringValue,
          bucketArn: 'arn:aws:s3:::shop-dev-data',
          prefix: 'seed/',
          path: 'seed',
        },
      ],
    });
    const json = JSON.parse(Testing.synth(stack));
    const value = only(json, 'aws_launch_template').user_data as string;
    return { host, json, value };
  });

  it('lets Terraform join the literal parts and the reference, then compress', () => {
    const { json, value } = built();
    expect(value).toMatch(
      /^\$\{base64gzip\(join\("", \[base64decode\("[A-Za-z0-9+/=]+"\), var\.bucket, base64decode\("[A-Za-z0-9+/=]+"\)\]\)\)\}$/,
    );
    expect(userData(json)).toContain("retry aws s3 sync 's3://${var.bucket}/seed/'");
  });

  it('shows the reference as a placeholder and estimates the size', () => {
    const { host } = built();
    expect(host.userData).toContain("'s3://${ref:0}/seed/'");
    expect(host.userDataSize.estimated).toBe(true);
  });
});

describe('ComposeHost user data size check', () => {
  // Random bytes barely compress: 40 KB of them in base64 stay far beyond 16 KB after gzip.
  const noise = randomBytes(30_000).toString('base64');
  const attempt = () => buildHost(shopProps({ files: [{ path: 'noise.txt', content: noise }] }));

  it('refuses user data EC2 would reject, naming the size and the fix', () => {
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(
      new RegExp(
        `compose = "\\d+ bytes of gzip-compressed user data \\(\\d+ bytes before compression\\)": renders more user data than EC2 accepts \\(${USER_DATA_LIMIT_BYTES} bytes after compression\\)\\. Fix: move large files`,
      ),
    );
  });

  it('accepts the same file compressed well below the limit', () => {
    const { host } = buildHost(shopProps({ files: [{ path: 'big.txt', content: 'row\n'.repeat(10_000) }] }));
    expect(host.userDataSize.rawBytes).toBeGreaterThan(40_000);
    expect(host.userDataSize.gzipBytes).toBeLessThan(USER_DATA_LIMIT_BYTES);
  });
});
