import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import {
  KNOWN_INTERFACE_ENDPOINT_SERVICES,
  Vpc,
  VpcProps,
  isKnownInterfaceEndpointService,
} from '../../../modules/vpc';
import {
  endpointPolicyProblem,
  interfaceEndpointKey,
  interfaceEndpointServiceName,
  interfaceServiceProblem,
} from '../../../modules/vpc/interface-endpoints';
import {
  Block,
  blocksOf,
  errorOf,
  only,
  policyFindings,
  ref,
  resources,
  synthJson,
  testStack,
} from '../../support/synth-json';

const BASE: VpcProps = {
  name: 'app',
  cidrBlock: '10.0.0.0/16',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
};
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
});

function build(props: Partial<VpcProps> = {}) {
  const stack = testStack();
  const vpc = new Vpc(stack, 'net', { ...BASE, ...props });
  return { vpc, stack, ...synthJson(stack) };
}
const interfaceEndpoints = (json: ReturnType<typeof build>['json']) =>
  blocksOf(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface');

describe('Vpc interface endpoints', () => {
  const { vpc, json, stack } = build({
    interfaceEndpoints: ['ecr.api', 'ecr.dkr', 'logs', { service: 'secretsmanager', policyJson: POLICY }],
  });
  const subnets = resources(json, 'aws_subnet');
  const privateSubnetRefs = ['us-east-1a', 'us-east-1b'].map((az) =>
    ref(
      'aws_subnet',
      Object.keys(subnets).find((id) => (subnets[id].tags as Block).Name === `app-private-${az}`) ?? '?',
    ),
  );
  const sg = only(json, 'aws_security_group');

  it('creates one Interface endpoint per service, private DNS on, in every private subnet (one ENI per AZ)', () => {
    const endpoints = interfaceEndpoints(json);
    expect(endpoints.map((e) => e.service_name)).toEqual([
      'com.amazonaws.us-east-1.ecr.api',
      'com.amazonaws.us-east-1.ecr.dkr',
      'com.amazonaws.us-east-1.logs',
      'com.amazonaws.us-east-1.secretsmanager',
    ]);
    for (const e of endpoints) {
      expect(e).toMatchObject({
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        subnet_ids: privateSubnetRefs,
        security_group_ids: [ref('aws_security_group', sg.id)],
      });
    }
    expect(endpoints.map((e) => (e.tags as Block).Name)).toEqual([
      'app-ecr.api',
      'app-ecr.dkr',
      'app-logs',
      'app-secretsmanager',
    ]);
  });

  it('attaches the endpoint policy given, and none (AWS full-access default) otherwise', () => {
    const endpoints = interfaceEndpoints(json);
    expect(endpoints.map((e) => e.policy)).toEqual([undefined, undefined, undefined, POLICY]);
  });

  it('shares one security group admitting HTTPS from the VPC block only, with no egress', () => {
    expect(sg.config).toMatchObject({ name: 'app-vpc-endpoints' });
    expect(blocksOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([
      expect.objectContaining({
        security_group_id: ref('aws_security_group', sg.id),
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv4: '10.0.0.0/16',
      }),
    ]);
    expect(resources(json, 'aws_vpc_security_group_egress_rule')).toEqual({});
    expect(vpc.interfaceEndpointSecurityGroup?.securityGroupId).toBeDefined();
  });

  it('keeps the S3 and DynamoDB gateway endpoints', () => {
    expect(
      blocksOf(json, 'aws_vpc_endpoint')
        .filter((e) => e.vpc_endpoint_type === 'Gateway')
        .map((e) => e.service_name)
        .sort(),
    ).toEqual(['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3']);
  });

  it('exposes endpoint ids by service name', () => {
    expect(Object.keys(vpc.interfaceEndpointIds)).toEqual(['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager']);
    expect(Object.keys(vpc.gatewayEndpointIds)).toEqual(['s3', 'dynamodb']);
  });

  it('addresses endpoints by service, so reordering the list changes no address', () => {
    const a = build({ interfaceEndpoints: ['logs', 'sts'] }).json;
    const b = build({ interfaceEndpoints: ['sts', 'logs'] }).json;
    expect(Object.keys(resources(a, 'aws_vpc_endpoint')).sort()).toEqual(
      Object.keys(resources(b, 'aws_vpc_endpoint')).sort(),
    );
    expect(
      Object.keys(resources(a, 'aws_vpc_endpoint'))
        .filter((k) => k.includes('interface-endpoint'))
        .sort(),
    ).toEqual([
      expect.stringMatching(/^net_logs-interface-endpoint_/),
      expect.stringMatching(/^net_sts-interface-endpoint_/),
    ]);
  });

  it('passes the policy pack, interface endpoint rules included', () => {
    const { errors, warnings } = policyFindings(stack);
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.startsWith('MLM-VPCE') || w.startsWith('MLM-SG'))).toEqual([]);
  });
});

describe('Vpc interface endpoint options', () => {
  it('creates no endpoint and no security group by default', () => {
    const { vpc, json } = build();
    expect(interfaceEndpoints(json)).toEqual([]);
    expect(resources(json, 'aws_security_group')).toEqual({});
    expect(vpc.interfaceEndpointIds).toEqual({});
    expect(vpc.interfaceEndpointSecurityGroup).toBeUndefined();
  });

  it('turns private DNS off per endpoint', () => {
    const { json } = build({ interfaceEndpoints: [{ service: 'sts', privateDnsEnabled: false }] });
    expect(interfaceEndpoints(json)[0].private_dns_enabled).toBe(false);
  });

  it('places the endpoints in the private subnets of the chosen AZs only', () => {
    const { json } = build({
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      interfaceEndpoints: ['logs', 'ecr.api'],
      interfaceEndpointAvailabilityZones: ['us-east-1b'],
    });
    const subnets = resources(json, 'aws_subnet');
    const b = Object.keys(subnets).find(
      (id) => (subnets[id].tags as Block).Name === 'app-private-us-east-1b',
    );
    for (const e of interfaceEndpoints(json)) expect(e.subnet_ids).toEqual([ref('aws_subnet', b ?? '?')]);
  });

  it('uses one ENI per AZ across three AZs with a region from the AZs', () => {
    const { json } = build({
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      interfaceEndpoints: ['bedrock-runtime'],
    });
    const [e] = interfaceEndpoints(json);
    expect(e.service_name).toBe('com.amazonaws.eu-west-1.bedrock-runtime');
    expect(e.subnet_ids).toHaveLength(3);
  });

  it('passes a policy document by reference', () => {
    const stack = testStack();
    const doc = new DataAwsIamPolicyDocument(stack, 'doc', {
      statement: [
        { actions: ['ecr:BatchGetImage'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }] },
      ],
    });
    new Vpc(stack, 'net', { ...BASE, interfaceEndpoints: [{ service: 'ecr.api', policyJson: doc.json }] });
    const [e] = interfaceEndpoints(synthJson(stack).json);
    expect(e.policy).toMatch(/^\$\{data\.aws_iam_policy_document\.doc\.json\}$/);
  });

  it('accepts a service outside the known list with a synth warning', () => {
    const stack = testStack();
    const vpc = new Vpc(stack, 'net', { ...BASE, interfaceEndpoints: [{ service: 'aoss' }] });
    expect(interfaceEndpoints(synthJson(stack).json)[0].service_name).toBe('com.amazonaws.us-east-1.aoss');
    const warnings = vpc.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toEqual([
      expect.stringContaining('interfaceEndpoints: "aoss" is not in KNOWN_INTERFACE_ENDPOINT_SERVICES'),
    ]);
  });

  it('warns about nothing for known services', () => {
    const { vpc } = build({ interfaceEndpoints: [...KNOWN_INTERFACE_ENDPOINT_SERVICES] });
    expect(vpc.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
    expect(Object.keys(vpc.interfaceEndpointIds)).toHaveLength(KNOWN_INTERFACE_ENDPOINT_SERVICES.length);
  });
});

describe('Vpc interface endpoint validation', () => {
  const cases: [string, Partial<VpcProps>, string, string, string, string][] = [
    [
      'no private subnets',
      { createPrivateSubnets: false, interfaceEndpoints: ['logs'] },
      'interfaceEndpoints',
      '["logs"]',
      'needs private subnets',
      'remove createPrivateSubnets: false',
    ],
    [
      'duplicate service',
      { interfaceEndpoints: ['logs', { service: 'logs' }] },
      'interfaceEndpoints',
      '["logs","logs"]',
      'lists logs more than once',
      'list each service once',
    ],
    [
      'S3 as interface endpoint',
      { interfaceEndpoints: [{ service: 's3' }] },
      'interfaceEndpoints[0].service',
      '"s3"',
      'free gateway endpoint',
      'use gatewayEndpoints',
    ],
    [
      'DynamoDB as interface endpoint',
      { interfaceEndpoints: [{ service: 'dynamodb' }] },
      'interfaceEndpoints[0].service',
      '"dynamodb"',
      'free gateway endpoint',
      'use gatewayEndpoints',
    ],
    [
      'full service name',
      { interfaceEndpoints: [{ service: 'com.amazonaws.us-east-1.logs' }] },
      'interfaceEndpoints[0].service',
      'com.amazonaws',
      'is a full service name',
      'after "com.amazonaws.<region>."',
    ],
    [
      'upper-case service',
      { interfaceEndpoints: [{ service: 'Logs' }] },
      'interfaceEndpoints[0].service',
      '"Logs"',
      'not a service name',
      '"ecr.api"',
    ],
    [
      'service with a space',
      { interfaceEndpoints: [{ service: 'ecr api' }] },
      'interfaceEndpoints[0].service',
      '"ecr api"',
      'not a service name',
      '"ecr.api"',
    ],
    [
      'an endpoint AZ outside the VPC',
      { interfaceEndpoints: ['logs'], interfaceEndpointAvailabilityZones: ['us-east-1c'] },
      'interfaceEndpointAvailabilityZones[0]',
      '"us-east-1c"',
      'is not one of availabilityZones',
      'us-east-1a, us-east-1b',
    ],
    [
      'an endpoint AZ twice',
      { interfaceEndpoints: ['logs'], interfaceEndpointAvailabilityZones: ['us-east-1a', 'us-east-1a'] },
      'interfaceEndpointAvailabilityZones[1]',
      '"us-east-1a"',
      'is listed twice',
      'list each zone once',
    ],
    [
      'no endpoint AZ',
      { interfaceEndpoints: ['logs'], interfaceEndpointAvailabilityZones: [] },
      'interfaceEndpointAvailabilityZones',
      '[]',
      'is empty',
      'at least one zone',
    ],
    [
      'endpoint AZs without endpoints',
      { interfaceEndpointAvailabilityZones: ['us-east-1a'] },
      'interfaceEndpointAvailabilityZones',
      '["us-east-1a"]',
      'no interfaceEndpoints to place',
      'add interfaceEndpoints',
    ],
    [
      'policy that is not JSON',
      { interfaceEndpoints: [{ service: 'sts', policyJson: '{Statement' }] },
      'interfaceEndpoints[0].policyJson',
      '"{Statement"',
      'is not valid JSON',
      'policy document',
    ],
    [
      'policy without statements',
      { interfaceEndpoints: [{ service: 'sts', policyJson: '{"Version":"2012-10-17"}' }] },
      'interfaceEndpoints[0].policyJson',
      'Version',
      'with a "Statement"',
      'policy document',
    ],
  ];

  it.each(cases)(
    'fails on %s, naming path, field, value, problem and fix',
    (_case, props, field, value, problem, fix) => {
      const message = errorOf(
        () => new Vpc(new TerraformStack(Testing.app(), 'test'), 'net', { ...BASE, ...props }),
      );
      expect(message).toContain('Invalid input for test/net');
      const line = message.split('\n').find((l) => l.includes(`  - ${field} = `) && l.includes(problem));
      expect(line).toBeDefined();
      expect(line).toContain(value);
      expect(line).toContain('Fix: ');
      expect(line).toContain(fix);
    },
  );

  it('refuses an unresolved list', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const list = new TerraformVariable(stack, 'services', { type: 'list(string)' });
    expect(
      errorOf(
        () =>
          new Vpc(stack, 'net', {
            ...BASE,
            interfaceEndpoints: list.listValue as unknown as VpcProps['interfaceEndpoints'],
          }),
      ),
    ).toMatch(/interfaceEndpoints = "<token>": is not a literal list/);
  });

  describe('accepts the boundaries', () => {
    it.each([
      ['an empty list with no private subnets', { createPrivateSubnets: false, interfaceEndpoints: [] }],
      ['a 60-character service name', { interfaceEndpoints: [{ service: `a${'.b'.repeat(29)}c` }] }],
      ['a minimal policy', { interfaceEndpoints: [{ service: 'sts', policyJson: '{"Statement":[]}' }] }],
      [
        'endpoints in every AZ listed explicitly',
        { interfaceEndpoints: ['logs'], interfaceEndpointAvailabilityZones: ['us-east-1b', 'us-east-1a'] },
      ],
    ] as [string, Partial<VpcProps>][])('%s', (_case, props) => {
      expect(() => build(props)).not.toThrow();
    });
  });
});

describe('interface endpoint helpers', () => {
  it('builds service names and keys', () => {
    expect(interfaceEndpointServiceName('us-east-1', 'ecr.api')).toBe('com.amazonaws.us-east-1.ecr.api');
    expect(interfaceEndpointKey('sagemaker.runtime')).toBe('sagemaker-runtime');
  });

  it('knows the services private ML workloads call most', () => {
    for (const s of [
      'ecr.api',
      'ecr.dkr',
      'secretsmanager',
      'logs',
      'sts',
      'ssm',
      'ssmmessages',
      'ec2messages',
      'kms',
      'monitoring',
      'elasticloadbalancing',
      'bedrock-runtime',
    ]) {
      expect(isKnownInterfaceEndpointService(s)).toBe(true);
    }
    expect(isKnownInterfaceEndpointService('aoss')).toBe(false);
    expect(new Set(KNOWN_INTERFACE_ENDPOINT_SERVICES).size).toBe(KNOWN_INTERFACE_ENDPOINT_SERVICES.length);
    for (const s of KNOWN_INTERFACE_ENDPOINT_SERVICES) expect(interfaceServiceProblem(s)).toBeUndefined();
  });

  it('explains refused names and policies', () => {
    expect(interfaceServiceProblem(42)).toBe('is not a service name');
    expect(interfaceServiceProblem(`a${'.b'.repeat(30)}`)).toMatch(/not a service name/);
    expect(endpointPolicyProblem('[]')).toMatch(/"Statement"/);
    expect(endpointPolicyProblem('null')).toMatch(/"Statement"/);
    expect(endpointPolicyProblem('{"Statement":{}}')).toBeUndefined();
  });
});
