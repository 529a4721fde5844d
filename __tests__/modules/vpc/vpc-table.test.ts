import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Vpc, type VpcProps } from '../../../modules/vpc';

type Spec = NonNullable<VpcProps['interfaceEndpoints']>[number];
import { invalidMessage, outcomeOf, synthJson } from '../../support/synth-json';

const BASE: VpcProps = {
  name: 'mlmon-dev',
  cidrBlock: '10.0.0.0/16',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
};
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** The whole ValidationError message for the props, or "accepted". */
const outcome = (props: Partial<VpcProps>, stack = new TerraformStack(Testing.app(), 'test')): string =>
  outcomeOf(() => new Vpc(stack, 'net', { ...BASE, ...props } as VpcProps));
const invalid = (...problems: string[]) => invalidMessage('test/net', ...problems);

function synthOf(props: Partial<VpcProps>): { vpc: Vpc; resources: Blocks; data: Blocks } {
  const stack = new TerraformStack(Testing.app(), 'test');
  const vpc = new Vpc(stack, 'net', { ...BASE, ...props } as VpcProps);
  const { json } = synthJson(stack);
  return { vpc, resources: (json.resource ?? {}) as Blocks, data: (json.data ?? {}) as Blocks };
}
const only = (blocks: Blocks, type: string) => Object.values(blocks[type] ?? {});

describe('Vpc name and CIDR block, in full', () => {
  it('accepts a name of 50 characters and refuses 51 (the flow-log role name is limited to 64)', () => {
    expect(outcome({ name: 'a'.repeat(50) })).toBe('accepted');
    expect(outcome({ name: 'a'.repeat(51) })).toBe(
      invalid(
        `name = "${'a'.repeat(51)}": must be 1-50 letters, digits and hyphens, starting with a letter or digit (it prefixes the IAM role "<name>-vpc-flow-logs", limited to 64 characters). Fix: use a short prefix such as "orders-dev"`,
      ),
    );
  });

  it('refuses an unresolved CIDR block', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const cidr = new TerraformVariable(stack, 'cidr', { type: 'string' });
    expect(outcome({ cidrBlock: cidr.stringValue }, stack)).toBe(
      invalid(
        'cidrBlock = "<token>": is an unresolved value; subnet blocks are computed from it at synth time. Fix: pass a literal block from the stack configuration, e.g. "10.0.0.0/16"',
      ),
    );
  });

  it.each([['10.0.0.1/16'], ['10.0.0.0'], ['10.0.0.0/33']])('refuses the block %j', (cidrBlock) => {
    expect(outcome({ cidrBlock })).toBe(
      invalid(
        `cidrBlock = "${cidrBlock}": is not an IPv4 CIDR block with zero host bits. Fix: use a network address such as "10.0.0.0/16" (for 10.0.0.1/16 write 10.0.0.0/16)`,
      ),
    );
  });

  it.each([['10.0.0.0/15'], ['10.0.0.0/29']])('refuses the prefix of %j', (cidrBlock) => {
    const prefix = cidrBlock.split('/')[1];
    expect(outcome({ cidrBlock, availabilityZones: ['us-east-1a'], subnetNewBits: 1 })).toContain(
      `  - cidrBlock = "${cidrBlock}": has prefix /${prefix}; AWS allows VPC blocks from /16 to /28. Fix: use a prefix from /16 to /28, e.g. "10.0.0.0/16"`,
    );
  });

  it('accepts the prefix /28 itself, refusing only subnets that cannot fit', () => {
    expect(
      outcome({ cidrBlock: '10.0.0.0/28', availabilityZones: ['us-east-1a'], subnetNewBits: 1 }),
    ).not.toContain('has prefix');
  });
});

describe('Vpc availability zones, in full', () => {
  it('refuses an unresolved AZ list', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const azs = new TerraformVariable(stack, 'azs', { type: 'list(string)' });
    expect(outcome({ availabilityZones: azs.listValue }, stack)).toBe(
      invalid(
        'availabilityZones = "<token>": contains an unresolved value; subnets are keyed by AZ name, so the names must be known at synth. Fix: pass literal AZ names from the stack configuration, e.g. ["us-east-1a", "us-east-1b"]',
      ),
    );
  });

  it('refuses no AZs and more than six, and accepts six', () => {
    expect(outcome({ availabilityZones: [] })).toContain(
      '  - availabilityZones = []: has 0 entries; 1 to 6 are allowed. Fix: list at least one AZ, e.g. ["us-east-1a"]',
    );
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((z) => `us-east-1${z}`);
    expect(outcome({ availabilityZones: six })).toBe('accepted');
    const seven = [...six, 'us-east-1g'];
    expect(outcome({ availabilityZones: seven })).toBe(
      invalid(
        `availabilityZones = ${JSON.stringify(seven)}: has 7 entries; 1 to 6 are allowed. Fix: list at most 6 AZs`,
      ),
    );
  });

  it('names each AZ listed more than once, once', () => {
    const azs = ['us-east-1a', 'us-east-1b', 'us-east-1a', 'us-east-1a'];
    expect(outcome({ availabilityZones: azs })).toBe(
      invalid(
        `availabilityZones = ${JSON.stringify(azs)}: lists us-east-1a more than once. Fix: list each AZ once`,
      ),
    );
  });

  it('quotes each entry that is not an AZ name', () => {
    const azs = ['us-east-1a', 'use1-az1', 'x us-east-1b'];
    expect(outcome({ availabilityZones: azs })).toBe(
      invalid(
        `availabilityZones = ${JSON.stringify(azs)}: has entries that are not AZ names: "use1-az1", "x us-east-1b". Fix: use AZ names such as "us-east-1a" (zone ids like "use1-az1" and Local Zones are not supported)`,
      ),
    );
  });

  it('refuses AZs of two regions', () => {
    const azs = ['us-east-1a', 'us-west-2a'];
    expect(outcome({ availabilityZones: azs })).toBe(
      invalid(
        `availabilityZones = ${JSON.stringify(azs)}: spans several regions (us-east-1, us-west-2); a VPC lives in one region. Fix: use AZs of one region only, e.g. all of us-east-1`,
      ),
    );
  });

  it('refuses an unknown region, and AZs outside the region given', () => {
    expect(outcome({ region: 'us-east-9', availabilityZones: ['us-east-9a'] })).toContain(
      '  - region = "us-east-9": is not an AWS region name. Fix: use a region such as "us-east-1", or leave it unset to derive it from the AZs',
    );
    expect(outcome({ region: 'us-west-2' })).toBe(
      invalid(
        'availabilityZones = ["us-east-1a","us-east-1b"]: has AZs outside region us-west-2: us-east-1a, us-east-1b. Fix: use AZs of us-west-2 (e.g. "us-west-2a"), or correct region',
      ),
    );
    expect(outcome({ region: 'us-east-1' })).toBe('accepted');
  });

  it('refuses AZs whose region is not an AWS region', () => {
    expect(outcome({ availabilityZones: ['xx-east-1a', 'xx-east-1b'] })).toBe(
      invalid(
        'availabilityZones = ["xx-east-1a","xx-east-1b"]: names region "xx-east-1", which is not an AWS region. Fix: check the AZ names, or set region explicitly',
      ),
    );
  });

  it('derives the region from the first AZ', () => {
    expect(synthOf({ availabilityZones: ['eu-west-1b', 'eu-west-1c'] }).vpc.region).toBe('eu-west-1');
  });
});

describe('Vpc subnet sizing, in full', () => {
  it.each([[0], [1.5], [-1]])('refuses subnetNewBits %j', (subnetNewBits) => {
    expect(outcome({ subnetNewBits })).toBe(
      invalid(
        `subnetNewBits = ${subnetNewBits}: must be a whole number of at least 1 (the VPC is split into a public and a private half). Fix: use 4 for /20 subnets in a /16, or leave it unset`,
      ),
    );
  });

  it('explains subnets that do not fit, with the range that does', () => {
    expect(outcome({ subnetNewBits: 13 })).toMatch(
      /^Invalid input for test\/net \(1 problem\):\n {2}- subnetNewBits = 13: .+\. Fix: set subnetNewBits from 2 to 12 for 2 AZs in 10\.0\.0\.0\/16$/,
    );
    expect(outcome({ subnetNewBits: 12 })).toBe('accepted');
  });

  it('asks for a larger block when no subnet size fits', () => {
    const azs = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
    expect(outcome({ cidrBlock: '10.0.0.0/28', availabilityZones: azs, subnetNewBits: 1 })).toMatch(
      / {2}- subnetNewBits = 1: .+\. Fix: use a larger cidrBlock \(at most \/25 for 3 AZs\) or fewer AZs$/,
    );
  });
});

describe('Vpc NAT gateways and endpoints, in full', () => {
  it('refuses an unknown NAT mode', () => {
    expect(outcome({ natGateways: 'two' as 'single' })).toBe(
      invalid(
        'natGateways = "two": must be one of "none", "single", "perAz". Fix: use "single" (one shared NAT), "perAz" (one per AZ) or "none"',
      ),
    );
  });

  it('refuses a NAT gateway without private subnets', () => {
    expect(outcome({ natGateways: 'single', createPrivateSubnets: false })).toBe(
      invalid(
        'natGateways = "single": needs private subnets, but createPrivateSubnets is false (a NAT gateway only serves private subnets). Fix: set natGateways to "none", or remove createPrivateSubnets: false',
      ),
    );
  });

  it('exposes the public subnets, NAT gateways and their addresses, one per AZ with perAz', () => {
    const { vpc } = synthOf({ natGateways: 'perAz' });
    expect(vpc.publicSubnetIds).toHaveLength(2);
    expect(vpc.natGatewayIds).toHaveLength(2);
    expect(vpc.natPublicIps).toHaveLength(2);
    for (const id of [...vpc.publicSubnetIds, ...vpc.natGatewayIds, ...vpc.natPublicIps])
      expect(id).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    const { resources } = synthOf({ natGateways: 'perAz' });
    expect(only(resources, 'aws_nat_gateway').map((n) => n.connectivity_type)).toEqual(['public', 'public']);
  });

  it('refuses gateway endpoints other than S3 and DynamoDB, and repeats', () => {
    expect(outcome({ gatewayEndpoints: ['s3', 'sqs', 'sns'] as Array<'s3'> })).toBe(
      invalid(
        'gatewayEndpoints = ["s3","sqs","sns"]: has unsupported services sqs, sns; only S3 and DynamoDB have gateway endpoints. Fix: use a subset of ["s3", "dynamodb"]',
      ),
    );
    expect(outcome({ gatewayEndpoints: ['s3', 's3'] })).toBe(
      invalid('gatewayEndpoints = ["s3","s3"]: lists a service more than once. Fix: list each service once'),
    );
  });

  it.each([
    ['s3', 'use gatewayEndpoints for S3 and DynamoDB (free, no network interfaces)'],
    ['dynamodb', 'use gatewayEndpoints for S3 and DynamoDB (free, no network interfaces)'],
  ])('sends %j to gateway endpoints', (service, fix) => {
    expect(outcome({ interfaceEndpoints: [service as Spec] })).toBe(
      invalid(
        `interfaceEndpoints[0].service = "${service}": has a free gateway endpoint; an interface endpoint for ${service} needs DNS options this module does not manage. Fix: ${fix}`,
      ),
    );
  });

  it.each([['com.amazonaws.us-east-1.ecr.api'], ['aws.sagemaker.us-east-1.notebook']])(
    'refuses the full service name %j',
    (service) => {
      expect(outcome({ interfaceEndpoints: [service as Spec] })).toBe(
        invalid(
          `interfaceEndpoints[0].service = "${service}": is a full service name; give only the part after "com.amazonaws.<region>.". Fix: use a literal service name after "com.amazonaws.<region>.", e.g. "ecr.api" (see KNOWN_INTERFACE_ENDPOINT_SERVICES)`,
        ),
      );
    },
  );

  it.each([['s3-control'], ['xs3'], ['my.aws.svc'], ['dynamodb-fips']])(
    'accepts the service %j',
    (service) => {
      expect(outcome({ interfaceEndpoints: [service as Spec] })).toBe('accepted');
    },
  );

  it('names each service listed twice', () => {
    expect(outcome({ interfaceEndpoints: ['ecr.api', 'logs', 'ecr.api', { service: 'logs' }] })).toBe(
      invalid(
        'interfaceEndpoints = ["ecr.api","logs","ecr.api","logs"]: lists ecr.api, logs more than once. Fix: list each service once (one endpoint serves every subnet and AZ)',
      ),
    );
  });

  it('refuses an unresolved endpoint list', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const services = new TerraformVariable(stack, 'services', { type: 'list(string)' });
    expect(outcome({ interfaceEndpoints: services.listValue as Spec[] }, stack)).toBe(
      invalid(
        'interfaceEndpoints = "<token>": is not a literal list; endpoints are keyed by service name at synth time. Fix: list the services literally, e.g. ["ecr.api", "ecr.dkr", "logs"]',
      ),
    );
  });

  it.each([
    ['[]', 'is not a policy document (a JSON object with a "Statement")'],
    ['null', 'is not a policy document (a JSON object with a "Statement")'],
    ['"policy"', 'is not a policy document (a JSON object with a "Statement")'],
    ['{"Version":"2012-10-17"}', 'is not a policy document (a JSON object with a "Statement")'],
    ['{', 'is not valid JSON'],
  ])('refuses the endpoint policy %j', (policyJson, problem) => {
    expect(outcome({ interfaceEndpoints: [{ service: 'logs', policyJson }] })).toBe(
      invalid(
        `interfaceEndpoints[0].policyJson = ${JSON.stringify(policyJson)}: ${problem}. Fix: pass a policy document, e.g. an aws_iam_policy_document's json`,
      ),
    );
  });

  it('accepts a policy document with a Statement', () => {
    expect(outcome({ interfaceEndpoints: [{ service: 'logs', policyJson: '{"Statement":[]}' }] })).toBe(
      'accepted',
    );
  });

  it('refuses endpoint zones given as an unresolved value', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const zones = new TerraformVariable(stack, 'zones', { type: 'list(string)' });
    expect(
      outcome({ interfaceEndpoints: ['logs'], interfaceEndpointAvailabilityZones: zones.listValue }, stack),
    ).toBe(
      invalid(
        'interfaceEndpointAvailabilityZones = "<token>": is not a literal list. Fix: list zone names, e.g. ["us-east-1a"]',
      ),
    );
  });
});

describe('Vpc flow logs, in full', () => {
  it.each([
    [2, 3],
    [366, 400],
  ])('refuses a retention of %j days, naming %j as the nearest', (retentionInDays, nearest) => {
    expect(outcome({ flowLogs: { destination: 'cloudWatch', retentionInDays } })).toBe(
      invalid(
        `flowLogs.retentionInDays = ${retentionInDays}: is not a retention period CloudWatch Logs accepts. Fix: use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ... (nearest: ${nearest})`,
      ),
    );
  });

  it.each([[KEY], ['arn:aws:kms:us-east-1:111122223333:alias/flow-logs']])(
    'accepts the key %j',
    (kmsKeyArn) => {
      const { resources } = synthOf({ flowLogs: { destination: 'cloudWatch', kmsKeyArn } });
      expect(only(resources, 'aws_cloudwatch_log_group')).toEqual([
        expect.objectContaining({ kms_key_id: kmsKeyArn }),
      ]);
    },
  );

  it.each([[`x${KEY}`], [`${KEY} `]])('refuses the key %j', (kmsKeyArn) => {
    expect(outcome({ flowLogs: { destination: 'cloudWatch', kmsKeyArn } })).toBe(
      invalid(
        `flowLogs.kmsKeyArn = "${kmsKeyArn}": is not a KMS key ARN. Fix: use "arn:aws:kms:<region>:<account>:key/<key-id>"`,
      ),
    );
  });

  it.each([['arn:aws:s3:::flow-logs'], ['arn:aws:s3:::flow-logs/vpc/dev/']])(
    'accepts the bucket %j',
    (bucketArn) => {
      expect(outcome({ flowLogs: { destination: 's3', bucketArn } })).toBe('accepted');
    },
  );

  it.each([['xarn:aws:s3:::flow-logs'], ['arn:aws:s3:::flow-logs/*'], ['flow-logs']])(
    'refuses the bucket %j',
    (bucketArn) => {
      expect(outcome({ flowLogs: { destination: 's3', bucketArn } })).toBe(
        invalid(
          `flowLogs.bucketArn = "${bucketArn}": is not an S3 bucket ARN. Fix: use "arn:aws:s3:::<bucket>" or "arn:aws:s3:::<bucket>/<prefix>/" (not a bucket name, no wildcards)`,
        ),
      );
    },
  );

  it('refuses an unknown destination', () => {
    expect(outcome({ flowLogs: { destination: 'kinesis' } as never })).toBe(
      invalid(
        'flowLogs.destination = "kinesis": is not a flow-log destination. Fix: use "cloudWatch", "s3" or "none"',
      ),
    );
  });

  it.each([['ALL'], ['ACCEPT'], ['REJECT']])('records traffic %j', (trafficType) => {
    for (const flowLogs of [
      { destination: 'cloudWatch', trafficType },
      { destination: 's3', bucketArn: 'arn:aws:s3:::flow-logs', trafficType },
    ]) {
      const { resources } = synthOf({ flowLogs: flowLogs as VpcProps['flowLogs'] });
      expect(only(resources, 'aws_flow_log').map((f) => f.traffic_type)).toEqual([trafficType]);
    }
  });

  it.each([[{ destination: 'cloudWatch' }], [{ destination: 's3', bucketArn: 'arn:aws:s3:::flow-logs' }]])(
    'refuses another traffic type and interval with %j',
    (flowLogs) => {
      expect(
        outcome({
          flowLogs: {
            ...flowLogs,
            trafficType: 'DENY',
            maxAggregationIntervalSeconds: 300,
          } as unknown as VpcProps['flowLogs'],
        }),
      ).toBe(
        invalid(
          'flowLogs.trafficType = "DENY": is not a flow-log traffic type. Fix: use "ALL", "ACCEPT" or "REJECT"',
          'flowLogs.maxAggregationIntervalSeconds = 300: must be 60 or 600. Fix: use 600 (default) or 60',
        ),
      );
    },
  );

  it.each([[60], [600]])('aggregates over %j seconds', (maxAggregationIntervalSeconds) => {
    const { resources } = synthOf({
      flowLogs: {
        destination: 'cloudWatch',
        maxAggregationIntervalSeconds: maxAggregationIntervalSeconds as 60,
      },
    });
    expect(only(resources, 'aws_flow_log').map((f) => f.max_aggregation_interval)).toEqual([
      maxAggregationIntervalSeconds,
    ]);
  });

  it('names and tags the log group, delivery role and flow log after the VPC', () => {
    const { resources, data } = synthOf({ tags: { team: 'ml' } });
    expect(only(resources, 'aws_cloudwatch_log_group')).toEqual([
      expect.objectContaining({
        name: '/aws/vpc-flow-logs/mlmon-dev',
        tags: { Name: 'mlmon-dev-flow-logs', team: 'ml' },
      }),
    ]);
    expect(only(resources, 'aws_iam_role')).toEqual([
      expect.objectContaining({
        name: 'mlmon-dev-vpc-flow-logs',
        description: 'Delivers VPC flow logs of mlmon-dev to CloudWatch Logs',
        tags: { Name: 'mlmon-dev-vpc-flow-logs', team: 'ml' },
      }),
    ]);
    expect(only(resources, 'aws_iam_role_policy')).toEqual([
      expect.objectContaining({ name: 'flow-log-delivery' }),
    ]);
    expect(only(resources, 'aws_flow_log')).toEqual([
      expect.objectContaining({ tags: { Name: 'mlmon-dev-flow-log', team: 'ml' } }),
    ]);
    const statements = only(data, 'aws_iam_policy_document').flatMap(
      (d) => d.statement as Array<{ sid: string; effect: string }>,
    );
    expect(statements.map((s) => [s.sid, s.effect]).sort()).toEqual([
      ['FlowLogsAssumeRole', 'Allow'],
      ['WriteFlowLogRecords', 'Allow'],
    ]);
  });

  it('tags the managed default security group "<name>-default-do-not-use"', () => {
    const { resources } = synthOf({});
    expect(only(resources, 'aws_default_security_group')).toEqual([
      expect.objectContaining({ tags: { Name: 'mlmon-dev-default-do-not-use' } }),
    ]);
  });
});
