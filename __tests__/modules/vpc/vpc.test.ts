import { App, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Vpc as AwsVpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Vpc, VpcProps } from '../../../modules/vpc';

type Block = Record<string, unknown>;
interface SynthJson {
  resource?: Record<string, Record<string, Block>>;
  data?: Record<string, Record<string, Block>>;
}

const BASE: VpcProps = {
  name: 'mlmon-dev',
  cidrBlock: '10.0.0.0/16',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
};

function build(props: Partial<VpcProps> = {}): { vpc: Vpc; text: string; json: SynthJson } {
  const stack = new TerraformStack(Testing.app(), 'test');
  const vpc = new Vpc(stack, 'net', { ...BASE, ...props });
  const text = Testing.synth(stack);
  return { vpc, text, json: JSON.parse(text) as SynthJson };
}

function resources(json: SynthJson, type: string): Record<string, Block> {
  return json.resource?.[type] ?? {};
}
function count(json: SynthJson, type: string): number {
  return Object.keys(resources(json, type)).length;
}
function named(json: SynthJson, type: string, name: string): { id: string; config: Block } {
  const hits = Object.entries(resources(json, type)).filter(
    ([, c]) => (c.tags as Block | undefined)?.Name === name,
  );
  if (hits.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${hits.length}`);
  return { id: hits[0][0], config: hits[0][1] };
}
function ref(type: string, id: string, attribute = 'id'): string {
  return `\${${type}.${id}.${attribute}}`;
}
function routesVia(json: SynthJson, key: 'gateway_id' | 'nat_gateway_id'): Block[] {
  return Object.values(resources(json, 'aws_route')).filter((r) => r[key] !== undefined);
}

describe('Vpc with defaults (2 AZs)', () => {
  const { vpc, text, json } = build();

  it('creates the VPC with DNS support and hostnames', () => {
    expect(text).toHaveResourceWithProperties(AwsVpc, {
      cidr_block: '10.0.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: 'mlmon-dev' },
    });
  });

  it('creates a public and a private /20 subnet per AZ, numbered by the half-split scheme', () => {
    expect(count(json, 'aws_subnet')).toBe(4);
    const expected = [
      ['mlmon-dev-public-us-east-1a', 'us-east-1a', '10.0.0.0/20', 'public'],
      ['mlmon-dev-public-us-east-1b', 'us-east-1b', '10.0.16.0/20', 'public'],
      ['mlmon-dev-private-us-east-1a', 'us-east-1a', '10.0.128.0/20', 'private'],
      ['mlmon-dev-private-us-east-1b', 'us-east-1b', '10.0.144.0/20', 'private'],
    ];
    for (const [name, az, cidr, tier] of expected) {
      expect(text).toHaveResourceWithProperties(Subnet, {
        availability_zone: az,
        cidr_block: cidr,
        map_public_ip_on_launch: false,
        tags: { Name: name, Tier: tier },
      });
    }
  });

  it('exposes the subnet blocks as plain strings', () => {
    expect(vpc.publicSubnetCidrs).toEqual(['10.0.0.0/20', '10.0.16.0/20']);
    expect(vpc.privateSubnetCidrs).toEqual(['10.0.128.0/20', '10.0.144.0/20']);
    expect(vpc.cidrBlock).toBe('10.0.0.0/16');
    expect(vpc.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(vpc.region).toBe('us-east-1');
    expect(vpc.partition).toBe('aws');
  });

  it('routes the public tier through an internet gateway', () => {
    expect(text).toHaveResourceWithProperties(InternetGateway, { tags: { Name: 'mlmon-dev-igw' } });
    const igw = named(json, 'aws_internet_gateway', 'mlmon-dev-igw');
    const publicRt = named(json, 'aws_route_table', 'mlmon-dev-public');
    expect(text).toHaveResourceWithProperties(Route, {
      route_table_id: ref('aws_route_table', publicRt.id),
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: ref('aws_internet_gateway', igw.id),
    });
  });

  it('uses a single NAT gateway (the default with private subnets) in the first public subnet', () => {
    expect(vpc.natGatewayMode).toBe('single');
    expect(count(json, 'aws_nat_gateway')).toBe(1);
    expect(count(json, 'aws_eip')).toBe(1);
    const subnet = named(json, 'aws_subnet', 'mlmon-dev-public-us-east-1a');
    const eip = named(json, 'aws_eip', 'mlmon-dev-nat-us-east-1a');
    expect(eip.config.domain).toBe('vpc');
    const nat = named(json, 'aws_nat_gateway', 'mlmon-dev-nat-us-east-1a');
    expect(nat.config.subnet_id).toBe(ref('aws_subnet', subnet.id));
    expect(nat.config.allocation_id).toBe(ref('aws_eip', eip.id, 'allocation_id'));
    expect(vpc.natGatewayIds).toHaveLength(1);
    expect(vpc.natPublicIps).toHaveLength(1);
  });

  it('shares one private route table whose default route goes to the NAT gateway', () => {
    expect(count(json, 'aws_route_table')).toBe(2);
    const privateRt = named(json, 'aws_route_table', 'mlmon-dev-private');
    const nat = named(json, 'aws_nat_gateway', 'mlmon-dev-nat-us-east-1a');
    expect(text).toHaveResourceWithProperties(Route, {
      route_table_id: ref('aws_route_table', privateRt.id),
      destination_cidr_block: '0.0.0.0/0',
      nat_gateway_id: ref('aws_nat_gateway', nat.id),
    });
    expect(count(json, 'aws_route')).toBe(2);
    expect(vpc.privateRouteTableIds).toHaveLength(1);
  });

  it('associates every subnet with its tier route table', () => {
    const assocs = Object.values(resources(json, 'aws_route_table_association'));
    expect(assocs).toHaveLength(4);
    const publicRt = ref('aws_route_table', named(json, 'aws_route_table', 'mlmon-dev-public').id);
    const privateRt = ref('aws_route_table', named(json, 'aws_route_table', 'mlmon-dev-private').id);
    for (const az of ['us-east-1a', 'us-east-1b']) {
      const pub = ref('aws_subnet', named(json, 'aws_subnet', `mlmon-dev-public-${az}`).id);
      const priv = ref('aws_subnet', named(json, 'aws_subnet', `mlmon-dev-private-${az}`).id);
      expect(assocs).toContainEqual({ subnet_id: pub, route_table_id: publicRt });
      expect(assocs).toContainEqual({ subnet_id: priv, route_table_id: privateRt });
    }
  });

  it('creates S3 and DynamoDB gateway endpoints on every route table', () => {
    const tables = ['mlmon-dev-public', 'mlmon-dev-private'].map((n) =>
      ref('aws_route_table', named(json, 'aws_route_table', n).id),
    );
    for (const service of ['s3', 'dynamodb']) {
      expect(text).toHaveResourceWithProperties(VpcEndpoint, {
        service_name: `com.amazonaws.us-east-1.${service}`,
        vpc_endpoint_type: 'Gateway',
        route_table_ids: tables,
        tags: { Name: `mlmon-dev-${service}` },
      });
    }
    expect(Object.keys(vpc.gatewayEndpointIds).sort()).toEqual(['dynamodb', 's3']);
    // Each service's prefix list, for egress rules that admit S3 (or DynamoDB) and nothing else.
    expect(Object.keys(vpc.gatewayEndpointPrefixListIds).sort()).toEqual(['dynamodb', 's3']);
    const stack = new TerraformStack(Testing.app(), 'prefix-lists');
    const net = new Vpc(stack, 'net', BASE);
    new TerraformOutput(stack, 's3', { value: net.gatewayEndpointPrefixListIds.s3 });
    const out = JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string }> };
    expect(out.output.s3.value).toMatch(
      /^\$\{aws_vpc_endpoint\.net_s3-endpoint_[0-9A-F]+\.prefix_list_id\}$/,
    );
  });

  it('strips every rule from the default security group', () => {
    expect(text).toHaveResourceWithProperties(DefaultSecurityGroup, { ingress: [], egress: [] });
    expect(vpc.defaultSecurityGroupId).toBeDefined();
  });

  it('sends all flow-log records to a CloudWatch log group kept 30 days', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/vpc-flow-logs/mlmon-dev',
      retention_in_days: 30,
    });
    const group = Object.keys(resources(json, 'aws_cloudwatch_log_group'))[0];
    expect(text).toHaveResourceWithProperties(FlowLog, {
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: ref('aws_cloudwatch_log_group', group, 'arn'),
      max_aggregation_interval: 600,
    });
    expect(vpc.flowLogGroupName).toBeDefined();
    expect(vpc.flowLogId).toBeDefined();
  });

  it('lets only the flow-logs service, for flow logs in this region, assume the delivery role', () => {
    expect(text).toHaveResourceWithProperties(IamRole, { name: 'mlmon-dev-vpc-flow-logs' });
    expect(text).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          condition: [
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: ['arn:aws:ec2:us-east-1:*:vpc-flow-log/*'],
            },
          ],
        }),
      ],
    });
  });

  it('scopes the delivery role to its own log group', () => {
    const group = Object.keys(resources(json, 'aws_cloudwatch_log_group'))[0];
    const arn = ref('aws_cloudwatch_log_group', group, 'arn');
    expect(text).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [arn, `${arn}:*`],
        }),
      ],
    });
  });

  it('creates exactly the expected resources', () => {
    const counts = Object.fromEntries(Object.keys(json.resource ?? {}).map((t) => [t, count(json, t)]));
    expect(counts).toEqual({
      aws_vpc: 1,
      aws_default_security_group: 1,
      aws_internet_gateway: 1,
      aws_subnet: 4,
      aws_route_table: 2,
      aws_route: 2,
      aws_route_table_association: 4,
      aws_eip: 1,
      aws_nat_gateway: 1,
      aws_vpc_endpoint: 2,
      aws_cloudwatch_log_group: 1,
      aws_iam_role: 1,
      aws_iam_role_policy: 1,
      aws_flow_log: 1,
    });
  });
});

describe('Vpc with natGateways: perAz (3 AZs)', () => {
  const azs = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
  const { vpc, json } = build({ availabilityZones: azs, natGateways: 'perAz' });

  it('creates one EIP and NAT gateway per AZ, each in its own public subnet', () => {
    expect(count(json, 'aws_eip')).toBe(3);
    expect(count(json, 'aws_nat_gateway')).toBe(3);
    for (const az of azs) {
      const nat = named(json, 'aws_nat_gateway', `mlmon-dev-nat-${az}`);
      expect(nat.config.subnet_id).toBe(
        ref('aws_subnet', named(json, 'aws_subnet', `mlmon-dev-public-${az}`).id),
      );
    }
    expect(vpc.natGatewayIds).toHaveLength(3);
    expect(vpc.natPublicIps).toHaveLength(3);
  });

  it('gives each AZ a private route table whose default route uses the NAT in the same AZ', () => {
    expect(count(json, 'aws_route_table')).toBe(4);
    expect(vpc.privateRouteTableIds).toHaveLength(3);
    const natRoutes = routesVia(json, 'nat_gateway_id');
    expect(natRoutes).toHaveLength(3);
    for (const az of azs) {
      const rt = ref('aws_route_table', named(json, 'aws_route_table', `mlmon-dev-private-${az}`).id);
      const nat = ref('aws_nat_gateway', named(json, 'aws_nat_gateway', `mlmon-dev-nat-${az}`).id);
      expect(natRoutes).toContainEqual({
        route_table_id: rt,
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: nat,
      });
      const subnet = ref('aws_subnet', named(json, 'aws_subnet', `mlmon-dev-private-${az}`).id);
      expect(Object.values(resources(json, 'aws_route_table_association'))).toContainEqual({
        subnet_id: subnet,
        route_table_id: rt,
      });
    }
    expect(routesVia(json, 'gateway_id')).toHaveLength(1);
  });

  it('attaches the gateway endpoints to all four route tables and names the region from the AZs', () => {
    for (const endpoint of Object.values(resources(json, 'aws_vpc_endpoint'))) {
      expect(endpoint.route_table_ids).toHaveLength(4);
      expect(String(endpoint.service_name)).toMatch(/^com\.amazonaws\.eu-west-1\.(s3|dynamodb)$/);
    }
  });

  it('places the third AZ at netnum 2 and 10', () => {
    expect(vpc.publicSubnetCidrs[2]).toBe('10.0.32.0/20');
    expect(vpc.privateSubnetCidrs[2]).toBe('10.0.160.0/20');
  });
});

describe('Vpc with natGateways: none', () => {
  const { vpc, json } = build({ natGateways: 'none' });

  it('creates no NAT gateway and no Elastic IP', () => {
    expect(count(json, 'aws_nat_gateway')).toBe(0);
    expect(count(json, 'aws_eip')).toBe(0);
    expect(vpc.natGatewayIds).toEqual([]);
    expect(vpc.natPublicIps).toEqual([]);
  });

  it('keeps private subnets on a shared route table without a default route', () => {
    expect(count(json, 'aws_subnet')).toBe(4);
    expect(vpc.privateRouteTableIds).toHaveLength(1);
    expect(count(json, 'aws_route')).toBe(1);
    expect(routesVia(json, 'nat_gateway_id')).toHaveLength(0);
    const privateRt = ref('aws_route_table', named(json, 'aws_route_table', 'mlmon-dev-private').id);
    expect(Object.values(resources(json, 'aws_route')).map((r) => r.route_table_id)).not.toContain(privateRt);
  });

  it('still reaches S3 and DynamoDB from private subnets through the gateway endpoints', () => {
    const privateRt = ref('aws_route_table', named(json, 'aws_route_table', 'mlmon-dev-private').id);
    for (const endpoint of Object.values(resources(json, 'aws_vpc_endpoint'))) {
      expect(endpoint.route_table_ids).toContain(privateRt);
    }
  });
});

describe('Vpc with createPrivateSubnets: false', () => {
  const { vpc, json } = build({ createPrivateSubnets: false });

  it('creates only public subnets and defaults NAT to none', () => {
    expect(count(json, 'aws_subnet')).toBe(2);
    expect(vpc.natGatewayMode).toBe('none');
    expect(count(json, 'aws_nat_gateway')).toBe(0);
    expect(count(json, 'aws_eip')).toBe(0);
    expect(count(json, 'aws_route_table')).toBe(1);
    expect(count(json, 'aws_route_table_association')).toBe(2);
  });

  it('exposes empty private attributes and unchanged public numbering', () => {
    expect(vpc.privateSubnetIds).toEqual([]);
    expect(vpc.privateSubnetCidrs).toEqual([]);
    expect(vpc.privateRouteTableIds).toEqual([]);
    expect(vpc.publicSubnetCidrs).toEqual(['10.0.0.0/20', '10.0.16.0/20']);
  });

  it('attaches the endpoints to the public route table only', () => {
    const publicRt = ref('aws_route_table', named(json, 'aws_route_table', 'mlmon-dev-public').id);
    for (const endpoint of Object.values(resources(json, 'aws_vpc_endpoint'))) {
      expect(endpoint.route_table_ids).toEqual([publicRt]);
    }
  });
});

describe('Vpc with subnetNewBits: 8', () => {
  const { vpc } = build({ subnetNewBits: 8, availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });

  it('cuts /24 subnets, private ones starting at netnum 128', () => {
    expect(vpc.publicSubnetCidrs).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(vpc.privateSubnetCidrs).toEqual(['10.0.128.0/24', '10.0.129.0/24', '10.0.130.0/24']);
  });
});

describe('Vpc in a small block (/27, 1 AZ, 1 new bit)', () => {
  const { vpc } = build({
    cidrBlock: '192.168.10.0/27',
    availabilityZones: ['us-west-2a'],
    subnetNewBits: 1,
  });

  it('fits one /28 per tier', () => {
    expect(vpc.publicSubnetCidrs).toEqual(['192.168.10.0/28']);
    expect(vpc.privateSubnetCidrs).toEqual(['192.168.10.16/28']);
  });
});

describe('Vpc with flow logs to S3', () => {
  const { vpc, text, json } = build({
    flowLogs: {
      destination: 's3',
      bucketArn: 'arn:aws:s3:::mlmon-flow-logs/vpc/',
      trafficType: 'REJECT',
      fileFormat: 'parquet',
      perHourPartition: true,
    },
  });

  it('delivers to the bucket ARN with the chosen format', () => {
    expect(text).toHaveResourceWithProperties(FlowLog, {
      log_destination_type: 's3',
      log_destination: 'arn:aws:s3:::mlmon-flow-logs/vpc/',
      traffic_type: 'REJECT',
      destination_options: {
        file_format: 'parquet',
        per_hour_partition: true,
        hive_compatible_partitions: false,
      },
    });
  });

  it('creates no log group and no IAM role (S3 delivery uses the bucket policy)', () => {
    expect(count(json, 'aws_cloudwatch_log_group')).toBe(0);
    expect(count(json, 'aws_iam_role')).toBe(0);
    expect(vpc.flowLogGroupName).toBeUndefined();
    expect(vpc.flowLogId).toBeDefined();
  });

  it('defaults to plain text, daily partitions', () => {
    const { text: t } = build({ flowLogs: { destination: 's3', bucketArn: 'arn:aws:s3:::mlmon-flow-logs' } });
    expect(t).toHaveResourceWithProperties(FlowLog, {
      traffic_type: 'ALL',
      destination_options: {
        file_format: 'plain-text',
        per_hour_partition: false,
        hive_compatible_partitions: false,
      },
    });
  });
});

describe('Vpc with flow logs turned off', () => {
  const { vpc, json } = build({ flowLogs: { destination: 'none' } });

  it('creates no flow log, log group or role', () => {
    expect(count(json, 'aws_flow_log')).toBe(0);
    expect(count(json, 'aws_cloudwatch_log_group')).toBe(0);
    expect(count(json, 'aws_iam_role')).toBe(0);
    expect(vpc.flowLogId).toBeUndefined();
    expect(vpc.flowLogGroupName).toBeUndefined();
  });
});

describe('Vpc with customized CloudWatch flow logs', () => {
  const kmsKeyArn = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const { text } = build({
    flowLogs: {
      destination: 'cloudWatch',
      retentionInDays: 365,
      kmsKeyArn,
      trafficType: 'ACCEPT',
      maxAggregationIntervalSeconds: 60,
    },
  });

  it('applies retention, key, traffic type and interval', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      retention_in_days: 365,
      kms_key_id: kmsKeyArn,
    });
    expect(text).toHaveResourceWithProperties(FlowLog, {
      traffic_type: 'ACCEPT',
      max_aggregation_interval: 60,
    });
  });

  it('accepts retention 0 (never expire)', () => {
    const { text: t } = build({ flowLogs: { destination: 'cloudWatch', retentionInDays: 0 } });
    expect(t).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 0 });
  });
});

describe('Vpc gateway endpoint selection', () => {
  it('creates none with []', () => {
    const { vpc, json } = build({ gatewayEndpoints: [] });
    expect(count(json, 'aws_vpc_endpoint')).toBe(0);
    expect(vpc.gatewayEndpointIds).toEqual({});
    expect(vpc.gatewayEndpointPrefixListIds).toEqual({});
  });

  it('creates only S3 with ["s3"]', () => {
    const { json } = build({ gatewayEndpoints: ['s3'] });
    expect(Object.values(resources(json, 'aws_vpc_endpoint')).map((e) => e.service_name)).toEqual([
      'com.amazonaws.us-east-1.s3',
    ]);
  });
});

describe('Vpc opt-outs and extras', () => {
  it('maps public IPs on launch in public subnets only when asked', () => {
    const { json } = build({ mapPublicIpOnLaunch: true });
    expect(named(json, 'aws_subnet', 'mlmon-dev-public-us-east-1a').config.map_public_ip_on_launch).toBe(
      true,
    );
    expect(named(json, 'aws_subnet', 'mlmon-dev-private-us-east-1a').config.map_public_ip_on_launch).toBe(
      false,
    );
  });

  it('leaves the default security group alone with manageDefaultSecurityGroup: false', () => {
    const { vpc, json } = build({ manageDefaultSecurityGroup: false });
    expect(count(json, 'aws_default_security_group')).toBe(0);
    expect(vpc.defaultSecurityGroupId).toBeUndefined();
  });

  it('merges module tags and tier tags with the Name tag', () => {
    const { json } = build({
      tags: { Team: 'ml', Name: 'ignored' },
      publicSubnetTags: { 'kubernetes.io/role/elb': '1', Name: 'also-ignored' },
      privateSubnetTags: { Scope: 'internal' },
    });
    expect(named(json, 'aws_vpc', 'mlmon-dev').config.tags).toEqual({ Team: 'ml', Name: 'mlmon-dev' });
    expect(named(json, 'aws_subnet', 'mlmon-dev-public-us-east-1a').config.tags).toEqual({
      Team: 'ml',
      Name: 'mlmon-dev-public-us-east-1a',
      Tier: 'public',
      'kubernetes.io/role/elb': '1',
    });
    expect(named(json, 'aws_subnet', 'mlmon-dev-private-us-east-1b').config.tags).toEqual({
      Team: 'ml',
      Name: 'mlmon-dev-private-us-east-1b',
      Tier: 'private',
      Scope: 'internal',
    });
    for (const type of [
      'aws_nat_gateway',
      'aws_eip',
      'aws_route_table',
      'aws_vpc_endpoint',
      'aws_flow_log',
    ]) {
      for (const r of Object.values(resources(json, type))) expect((r.tags as Block).Team).toBe('ml');
    }
  });

  it('gives NAT gateways and EIPs an explicit dependency on the internet gateway', () => {
    const { json } = build();
    const igw = `aws_internet_gateway.${named(json, 'aws_internet_gateway', 'mlmon-dev-igw').id}`;
    expect(named(json, 'aws_nat_gateway', 'mlmon-dev-nat-us-east-1a').config.depends_on).toEqual([igw]);
    expect(named(json, 'aws_eip', 'mlmon-dev-nat-us-east-1a').config.depends_on).toEqual([igw]);
  });

  it('keys subnets by AZ so their Terraform addresses survive reordering', () => {
    const a = build({ availabilityZones: ['us-east-1a', 'us-east-1b'] }).json;
    const b = build({ availabilityZones: ['us-east-1b', 'us-east-1a'] }).json;
    expect(Object.keys(resources(a, 'aws_subnet')).sort()).toEqual(
      Object.keys(resources(b, 'aws_subnet')).sort(),
    );
  });
});

describe('Vpc region and partition', () => {
  it('derives the China partition and endpoint names from cn- AZs', () => {
    const { vpc, text } = build({ availabilityZones: ['cn-north-1a'] });
    expect(vpc.partition).toBe('aws-cn');
    expect(text).toHaveResourceWithProperties(VpcEndpoint, { service_name: 'com.amazonaws.cn-north-1.s3' });
    expect(text).toContain('arn:aws-cn:ec2:cn-north-1:*:vpc-flow-log/*');
  });

  it('derives the GovCloud partition', () => {
    const { vpc } = build({ availabilityZones: ['us-gov-west-1a', 'us-gov-west-1b'] });
    expect(vpc.region).toBe('us-gov-west-1');
    expect(vpc.partition).toBe('aws-us-gov');
  });

  it('accepts an explicit region that matches the AZs', () => {
    const { vpc } = build({ region: 'us-east-1' });
    expect(vpc.region).toBe('us-east-1');
  });
});

describe('Vpc plan readability', () => {
  it('writes subnet blocks as literals, not cidrsubnet() calls', () => {
    const { text } = build();
    expect(text).not.toContain('cidrsubnet');
    expect(text).toContain('"10.0.144.0/20"');
  });
});

/** Builds in a stack named `test` and returns the thrown message. */
function messageOf(props: Partial<VpcProps>): string {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, 'test');
  try {
    new Vpc(stack as Construct, 'net', { ...BASE, ...props });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected Vpc to throw');
}

describe('Vpc validation', () => {
  const sixAzs = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `us-east-1${l}`);
  const cases: [string, Partial<VpcProps>, string, string, string][] = [
    // [case, props, field, value as rendered, fix fragment]
    ['host bits set', { cidrBlock: '10.0.0.1/16' }, 'cidrBlock', '"10.0.0.1/16"', 'write 10.0.0.0/16'],
    ['malformed block', { cidrBlock: '10.0.0.0' }, 'cidrBlock', '"10.0.0.0"', 'such as "10.0.0.0/16"'],
    ['prefix too short', { cidrBlock: '10.0.0.0/15' }, 'cidrBlock', '"10.0.0.0/15"', 'from /16 to /28'],
    ['prefix too long', { cidrBlock: '10.0.0.0/29' }, 'cidrBlock', '"10.0.0.0/29"', 'from /16 to /28'],
    ['no AZs', { availabilityZones: [] }, 'availabilityZones', '[]', 'at least one AZ'],
    [
      'seven AZs',
      { availabilityZones: [...sixAzs, 'us-east-1g'] },
      'availabilityZones',
      '"us-east-1g"',
      'at most 6',
    ],
    [
      'duplicate AZs',
      { availabilityZones: ['us-east-1a', 'us-east-1a'] },
      'availabilityZones',
      'us-east-1a',
      'each AZ once',
    ],
    [
      'zone id instead of name',
      { availabilityZones: ['use1-az1'] },
      'availabilityZones',
      '"use1-az1"',
      'such as "us-east-1a"',
    ],
    [
      'mixed regions',
      { availabilityZones: ['us-east-1a', 'us-west-2a'] },
      'availabilityZones',
      'us-west-2a',
      'one region only',
    ],
    ['region mismatch', { region: 'eu-west-1' }, 'availabilityZones', 'us-east-1a', 'AZs of eu-west-1'],
    ['bad region', { region: 'mars-1' }, 'region', '"mars-1"', 'such as "us-east-1"'],
    ['zero new bits', { subnetNewBits: 0 }, 'subnetNewBits', '0', 'use 4'],
    ['fractional new bits', { subnetNewBits: 2.5 }, 'subnetNewBits', '2.5', 'use 4'],
    [
      'too few new bits for the AZs',
      { subnetNewBits: 2, availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
      'subnetNewBits',
      '2',
      'set subnetNewBits from 3 to 12',
    ],
    ['subnets below /28', { subnetNewBits: 13 }, 'subnetNewBits', '13', 'from 2 to 12'],
    [
      '/28 VPC cannot be split',
      { cidrBlock: '10.0.0.0/28', availabilityZones: ['us-east-1a'], subnetNewBits: 1 },
      'subnetNewBits',
      '1',
      'use a larger cidrBlock (at most /27',
    ],
    [
      'single NAT without private subnets',
      { createPrivateSubnets: false, natGateways: 'single' },
      'natGateways',
      '"single"',
      'set natGateways to "none"',
    ],
    [
      'per-AZ NAT without private subnets',
      { createPrivateSubnets: false, natGateways: 'perAz' },
      'natGateways',
      '"perAz"',
      'set natGateways to "none"',
    ],
    ['unknown NAT mode', { natGateways: 'many' as 'single' }, 'natGateways', '"many"', '"perAz"'],
    [
      'unknown endpoint',
      { gatewayEndpoints: ['sqs' as 's3'] },
      'gatewayEndpoints',
      '["sqs"]',
      'subset of ["s3", "dynamodb"]',
    ],
    [
      'duplicate endpoint',
      { gatewayEndpoints: ['s3', 's3'] },
      'gatewayEndpoints',
      '["s3","s3"]',
      'each service once',
    ],
    [
      'unsupported retention',
      { flowLogs: { destination: 'cloudWatch', retentionInDays: 31 } },
      'flowLogs.retentionInDays',
      '31',
      'nearest: 60',
    ],
    [
      'kms alias name instead of ARN',
      { flowLogs: { destination: 'cloudWatch', kmsKeyArn: 'alias/logs' } },
      'flowLogs.kmsKeyArn',
      '"alias/logs"',
      'arn:aws:kms:',
    ],
    [
      'bucket name instead of ARN',
      { flowLogs: { destination: 's3', bucketArn: 'mlmon-flow-logs' } },
      'flowLogs.bucketArn',
      '"mlmon-flow-logs"',
      'arn:aws:s3:::<bucket>',
    ],
    [
      'bucket ARN with wildcard',
      { flowLogs: { destination: 's3', bucketArn: 'arn:aws:s3:::mlmon-flow-logs/*' } },
      'flowLogs.bucketArn',
      'mlmon-flow-logs/*',
      'no wildcards',
    ],
    [
      'bad traffic type',
      { flowLogs: { destination: 'cloudWatch', trafficType: 'DENY' as 'ALL' } },
      'flowLogs.trafficType',
      '"DENY"',
      '"REJECT"',
    ],
    [
      'bad aggregation interval',
      {
        flowLogs: {
          destination: 's3',
          bucketArn: 'arn:aws:s3:::b-1',
          maxAggregationIntervalSeconds: 300 as 60,
        },
      },
      'flowLogs.maxAggregationIntervalSeconds',
      '300',
      '600',
    ],
    [
      'unknown destination',
      { flowLogs: { destination: 'kinesis' } as unknown as VpcProps['flowLogs'] },
      'flowLogs.destination',
      '"kinesis"',
      '"cloudWatch"',
    ],
    ['name with spaces', { name: 'mlmon dev' }, 'name', '"mlmon dev"', '"mlmon-dev"'],
    ['name too long', { name: 'x'.repeat(51) }, 'name', 'x'.repeat(51), '"mlmon-dev"'],
  ];

  it.each(cases)('fails on %s, naming path, field, value and fix', (_case, props, field, value, fix) => {
    const message = messageOf(props);
    expect(message).toContain('Invalid input for test/net');
    expect(message).toContain(`${field} = `);
    expect(message).toContain(value);
    expect(message).toContain(`Fix: `);
    expect(message).toContain(fix);
  });

  it('reports every problem at once', () => {
    const message = messageOf({
      cidrBlock: '10.0.0.1/16',
      availabilityZones: [],
      natGateways: 'perAz',
      createPrivateSubnets: false,
    });
    expect(message).toContain('(3 problems)');
  });

  it('refuses unresolved AZs and CIDR blocks, which subnets are computed from', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const azs = new TerraformVariable(stack, 'azs', { type: 'list(string)' });
    const cidr = new TerraformVariable(stack, 'cidr', { type: 'string' });
    expect(() => new Vpc(stack, 'a', { ...BASE, availabilityZones: azs.listValue })).toThrow(
      /availabilityZones = "<token>".*literal AZ names/,
    );
    expect(() => new Vpc(stack, 'b', { ...BASE, cidrBlock: cidr.stringValue })).toThrow(
      /cidrBlock = "<token>".*literal block/,
    );
  });

  describe('accepts the boundaries', () => {
    const accepted: [string, Partial<VpcProps>][] = [
      ['a /16 block', { cidrBlock: '10.0.0.0/16' }],
      [
        'a /27 block with one AZ and one new bit',
        { cidrBlock: '10.0.0.0/27', availabilityZones: ['us-east-1a'], subnetNewBits: 1 },
      ],
      ['one AZ', { availabilityZones: ['us-east-1a'] }],
      ['six AZs', { availabilityZones: sixAzs }],
      [
        'exactly enough new bits (4 AZs, 3 bits)',
        { availabilityZones: sixAzs.slice(0, 4), subnetNewBits: 3 },
      ],
      ['the most new bits (/28 subnets)', { subnetNewBits: 12 }],
      ['no NAT without private subnets', { createPrivateSubnets: false, natGateways: 'none' }],
      ['retention 1 day', { flowLogs: { destination: 'cloudWatch', retentionInDays: 1 } }],
      ['retention 3653 days', { flowLogs: { destination: 'cloudWatch', retentionInDays: 3653 } }],
      ['an S3 bucket ARN without prefix', { flowLogs: { destination: 's3', bucketArn: 'arn:aws:s3:::b-1' } }],
      [
        'a GovCloud bucket ARN',
        {
          availabilityZones: ['us-gov-west-1a'],
          flowLogs: { destination: 's3', bucketArn: 'arn:aws-us-gov:s3:::b-1' },
        },
      ],
      ['a 50-character name', { name: 'x'.repeat(50) }],
    ];
    it.each(accepted)('%s', (_case, props) => {
      expect(() => build(props)).not.toThrow();
    });
  });
});
