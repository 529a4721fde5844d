import { Construct } from 'constructs';
import { Annotations, Token } from 'cdktf';
import { Vpc as AwsVpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Validator, isUnresolved, requireProps } from '../core/validation';
import { cidrPrefix, isValidCidr } from '../core/cidr';
import { isAzInRegion, isValidLogRetention, isValidRegion, nearestLogRetention } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import {
  MAX_AZS,
  MAX_VPC_PREFIX,
  MIN_VPC_PREFIX,
  gatewayEndpointServiceName,
  maxNewBits,
  minNewBits,
  partitionOfRegion,
  planSubnets,
  regionOfAz,
  subnetFitProblem,
} from './subnet-layout';
import { FlowLogsConfig, VpcFlowLog, DEFAULT_FLOW_LOG_RETENTION_DAYS } from './vpc-flow-log';
import {
  InterfaceEndpointSpec,
  endpointPolicyProblem,
  interfaceEndpointKey,
  interfaceEndpointOptions,
  interfaceEndpointServiceName,
  interfaceServiceProblem,
  isKnownInterfaceEndpointService,
} from './interface-endpoints';
import { SecurityGroup } from '../security-group/security-group';

/**
 * How private subnets reach the internet. Costs are us-east-1: $0.045/hour per NAT gateway
 * (~$32.85/month) plus $0.045/GB processed, and ~$3.65/month for its Elastic IP.
 *
 * | mode     | NAT gateways | private route tables         | fixed cost/month | when an AZ fails               |
 * |----------|--------------|------------------------------|------------------|--------------------------------|
 * | `none`   | 0            | 1, no default route          | $0               | -                              |
 * | `single` | 1 (first AZ) | 1, default route via the NAT | ~$36.50          | the NAT's AZ takes egress down |
 * | `perAz`  | 1 per AZ     | 1 per AZ, via that AZ's NAT  | ~$36.50 per AZ   | only that AZ is affected       |
 */
export type NatGatewayMode = 'none' | 'single' | 'perAz';

/** Gateway VPC endpoints (free of charge; they keep S3/DynamoDB traffic off the NAT gateway). */
export type GatewayEndpointService = 's3' | 'dynamodb';

const NAT_MODES: readonly NatGatewayMode[] = ['none', 'single', 'perAz'];
const GATEWAY_SERVICES: readonly GatewayEndpointService[] = ['s3', 'dynamodb'];
const TRAFFIC_TYPES: readonly string[] = ['ALL', 'ACCEPT', 'REJECT'];
const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
/** `<name>-vpc-flow-logs` must fit the 64-character IAM role-name limit. */
export const MAX_VPC_NAME_LENGTH = 64 - '-vpc-flow-logs'.length;
const KMS_KEY_ARN_RE = /^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[a-zA-Z0-9/_-]+$/;
const S3_BUCKET_ARN_RE = /^arn:aws(-cn|-us-gov)?:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^*?]*)?$/;

/**
 * The private tier of a VPC as data services (caches, search domains) need it. {@link Vpc}
 * satisfies it; for a VPC managed elsewhere pass a literal object.
 */
export interface IPrivateSubnetsRef {
  readonly vpcId: string;
  /** Private subnet ids, in the order of {@link availabilityZones} (subnet `i` is in AZ `i`). */
  readonly privateSubnetIds: readonly string[];
  /** Literal AZ names, one per private subnet, e.g. `['us-east-1a', 'us-east-1b']`. */
  readonly availabilityZones: readonly string[];
}

/** Props of {@link Vpc}. */
export interface VpcProps {
  /**
   * Prefix of every `Name` tag and physical name, e.g. `orders-dev`: the VPC is `orders-dev`, its
   * subnets `orders-dev-public-us-east-1a`, its flow-log role `orders-dev-vpc-flow-logs`.
   * Letters, digits and hyphens, at most 50 characters.
   */
  readonly name: string;
  /** IPv4 block of the VPC, `/16` to `/28`, host bits zero, e.g. `10.0.0.0/16`. */
  readonly cidrBlock: string;
  /**
   * Availability zones to spread subnets over, 1 to 6 names of one region (e.g.
   * `['us-east-1a', 'us-east-1b']`). Literal names: subnets are keyed by AZ, and the region
   * (needed for endpoint service names) is read from them. The module cannot check that the AZs
   * exist in the account; the stack checks them against its region.
   */
  readonly availabilityZones: string[];
  /**
   * Region of the VPC. Only needed to double-check the AZ names, which already carry it
   * (`us-east-1a` -> `us-east-1`).
   * @default - derived from the first availability zone
   */
  readonly region?: string;
  /**
   * NAT gateways for private-subnet egress; see {@link NatGatewayMode} for the cost table.
   * @default 'single' when private subnets are created, otherwise 'none'
   */
  readonly natGateways?: NatGatewayMode;
  /**
   * Create one private subnet per AZ (in the upper half of the VPC block).
   * @default true
   */
  readonly createPrivateSubnets?: boolean;
  /**
   * Bits added to the VPC prefix for each subnet: a `/16` with 4 gives `/20` subnets (4,091
   * usable addresses each). Public subnet of AZ `i` is subnet number `i`, private subnet of AZ
   * `i` is number `2^(subnetNewBits-1) + i`, so each tier holds `2^(subnetNewBits-1)` AZs.
   * @default 4
   */
  readonly subnetNewBits?: number;
  /**
   * VPC flow logs. Turning them off (`{ destination: 'none' }`) leaves no record of connections
   * for incident response.
   * @default { destination: 'cloudWatch', retentionInDays: 30, trafficType: 'ALL' }
   */
  readonly flowLogs?: FlowLogsConfig;
  /**
   * Gateway endpoints, attached to every route table. They are free and keep S3/DynamoDB
   * traffic private and off the NAT gateway's per-GB charge. `[]` creates none.
   * @default ['s3', 'dynamodb']
   */
  readonly gatewayEndpoints?: GatewayEndpointService[];
  /**
   * Interface endpoints (PrivateLink) in the private subnets, one network interface per AZ, with
   * private DNS on, behind one shared security group that admits HTTPS (443) from the VPC block.
   * A known service name (`'ecr.api'`, `'logs'`, `'secretsmanager'`, see
   * {@link KNOWN_INTERFACE_ENDPOINT_SERVICES}) or `{ service, policyJson?, privateDnsEnabled? }`.
   * Needs private subnets. Each costs $0.01/hour per AZ (~$7.30/month per AZ) plus $0.01/GB; see
   * the README for the comparison with a NAT gateway.
   * @default [] (none)
   */
  readonly interfaceEndpoints?: readonly InterfaceEndpointSpec[];
  /**
   * Availability zones (a subset of {@link availabilityZones}) whose private subnets get the
   * interface endpoints' network interfaces. Fewer AZs cost less ($7.30 per endpoint per AZ a
   * month) but make every AZ depend on those: clients in other AZs reach the endpoints across AZs
   * ($0.01/GB each way), and when the chosen AZs fail, image pulls, logs and secrets fail in
   * every AZ. Fits workloads that are single-AZ anyway (a single database or cache node).
   * @default - every AZ
   */
  readonly interfaceEndpointAvailabilityZones?: readonly string[];
  /**
   * Give instances launched in public subnets a public IPv4 address automatically. Off, so that
   * only instances that ask for one (or get an Elastic IP) are reachable from the internet; each
   * public IPv4 address also costs $0.005/hour.
   * @default false
   */
  readonly mapPublicIpOnLaunch?: boolean;
  /**
   * Manage the VPC's default security group and strip all its rules, so nothing placed in it by
   * accident can talk to anything. Turning it off leaves AWS's default (all traffic between its
   * members and all egress).
   * @default true
   */
  readonly manageDefaultSecurityGroup?: boolean;
  /** Extra tags for public subnets (e.g. `kubernetes.io/role/elb`). @default - none */
  readonly publicSubnetTags?: Tags;
  /** Extra tags for private subnets. @default - none */
  readonly privateSubnetTags?: Tags;
  /** Tags for every resource; each also gets a `Name` tag. @default - none */
  readonly tags?: Tags;
}

/**
 * A VPC across 1-6 AZs: a public subnet per AZ behind an internet gateway, optional private
 * subnets with NAT (none, single, one per AZ), flow logs, S3/DynamoDB gateway endpoints, and a
 * default security group with no rules. Subnet blocks are computed at synth time so they are
 * literal values in the plan.
 */
export class Vpc extends Construct {
  public readonly vpcId: string;
  public readonly vpcArn: string;
  public readonly cidrBlock: string;
  public readonly availabilityZones: string[];
  /** Region the VPC is in (derived from the AZ names). */
  public readonly region: string;
  /** ARN partition of that region. */
  public readonly partition: string;
  public readonly publicSubnetIds: string[];
  public readonly privateSubnetIds: string[];
  /** Public subnet blocks, in AZ order, as literal strings. */
  public readonly publicSubnetCidrs: string[];
  /** Private subnet blocks, in AZ order, as literal strings (empty without private subnets). */
  public readonly privateSubnetCidrs: string[];
  public readonly internetGatewayId: string;
  public readonly publicRouteTableId: string;
  /** One per AZ (`perAz`) or one shared table (`single`, `none`); empty without private subnets. */
  public readonly privateRouteTableIds: string[];
  public readonly natGatewayMode: NatGatewayMode;
  public readonly natGatewayIds: string[];
  /** Elastic IPs of the NAT gateways: the addresses private-subnet traffic leaves from. */
  public readonly natPublicIps: string[];
  /** Gateway endpoint ids by service. */
  public readonly gatewayEndpointIds: Partial<Record<GatewayEndpointService, string>>;
  /**
   * AWS-managed prefix lists of the gateway endpoints' services (`pl-...`), by service: the
   * destination of a security-group egress rule that admits S3 (or DynamoDB) traffic and nothing
   * else on the internet, e.g. for ECR image layers without a NAT gateway.
   */
  public readonly gatewayEndpointPrefixListIds: Partial<Record<GatewayEndpointService, string>>;
  /** Interface endpoint ids by service name (e.g. `ecr.api`); empty without interface endpoints. */
  public readonly interfaceEndpointIds: Readonly<Record<string, string>>;
  /** The security group shared by the interface endpoints (443 from the VPC block); undefined without them. */
  public readonly interfaceEndpointSecurityGroup?: SecurityGroup;
  /** Id of the (rule-less) default security group, when managed. */
  public readonly defaultSecurityGroupId?: string;
  public readonly flowLogId?: string;
  /** CloudWatch log group of the flow logs (CloudWatch destination only). */
  public readonly flowLogGroupName?: string;
  public readonly flowLogGroupArn?: string;

  constructor(scope: Construct, id: string, props: VpcProps) {
    super(scope, id);
    requireProps(this, props, { name: 'string', cidrBlock: 'string', availabilityZones: 'list' });
    const createPrivate = props.createPrivateSubnets ?? true;
    const natMode: NatGatewayMode = props.natGateways ?? (createPrivate ? 'single' : 'none');
    const newBits = props.subnetNewBits ?? 4;
    const flowLogs: FlowLogsConfig = props.flowLogs ?? { destination: 'cloudWatch' };
    const endpoints = props.gatewayEndpoints ?? ['s3', 'dynamodb'];
    const interfaceEndpoints = props.interfaceEndpoints ?? [];
    const azs = props.availabilityZones;
    const region = props.region ?? (azs.length > 0 ? regionOfAz(azs[0]) : undefined);

    validate(this, props, {
      createPrivate,
      natMode,
      newBits,
      flowLogs,
      endpoints,
      interfaceEndpoints,
      region,
    });

    // Validation guarantees a region from here on.
    this.region = region as string;
    this.partition = partitionOfRegion(this.region);
    const name = props.name;
    const tags = props.tags;
    const layout = planSubnets(props.cidrBlock, newBits, azs.length);

    const vpc = new AwsVpc(this, 'vpc', {
      cidrBlock: props.cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: withName(name, tags),
    });
    this.vpcId = vpc.id;
    this.vpcArn = vpc.arn;
    this.cidrBlock = props.cidrBlock;
    this.availabilityZones = [...azs];

    if (props.manageDefaultSecurityGroup ?? true) {
      // Adopting the default SG with no rule blocks removes all of its rules.
      const defaultSg = new DefaultSecurityGroup(this, 'default-sg', {
        vpcId: vpc.id,
        ingress: [],
        egress: [],
        tags: withName(`${name}-default-do-not-use`, tags),
      });
      this.defaultSecurityGroupId = defaultSg.id;
    }

    const igw = new InternetGateway(this, 'igw', { vpcId: vpc.id, tags: withName(`${name}-igw`, tags) });
    this.internetGatewayId = igw.id;

    // Public tier: one shared route table with a default route to the internet gateway.
    const publicRt = new RouteTable(this, 'public-rt', {
      vpcId: vpc.id,
      tags: withName(`${name}-public`, tags),
    });
    new Route(this, 'public-default-route', {
      routeTableId: publicRt.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    });
    this.publicRouteTableId = publicRt.id;

    const publicSubnets = azs.map((az, i) => {
      const subnet = new Subnet(this, `public-${az}`, {
        vpcId: vpc.id,
        availabilityZone: az,
        cidrBlock: layout.publicCidrs[i],
        mapPublicIpOnLaunch: props.mapPublicIpOnLaunch ?? false,
        tags: withName(`${name}-public-${az}`, { ...tags, Tier: 'public', ...props.publicSubnetTags }),
      });
      new RouteTableAssociation(this, `public-${az}-rta`, { subnetId: subnet.id, routeTableId: publicRt.id });
      return subnet;
    });
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.publicSubnetCidrs = layout.publicCidrs;

    // NAT gateways sit in the public subnet of their AZ ('single': the first AZ).
    const natAzs = natMode === 'perAz' ? azs : natMode === 'single' ? [azs[0]] : [];
    const nats = natAzs.map((az) => {
      const eip = new Eip(this, `nat-eip-${az}`, {
        domain: 'vpc',
        tags: withName(`${name}-nat-${az}`, tags),
        dependsOn: [igw],
      });
      const nat = new NatGateway(this, `nat-${az}`, {
        allocationId: eip.allocationId,
        subnetId: publicSubnets[azs.indexOf(az)].id,
        connectivityType: 'public',
        tags: withName(`${name}-nat-${az}`, tags),
        dependsOn: [igw],
      });
      return { eip, nat };
    });
    this.natGatewayMode = natMode;
    this.natGatewayIds = nats.map((n) => n.nat.id);
    this.natPublicIps = nats.map((n) => n.eip.publicIp);

    // Private tier: per-AZ tables for 'perAz' (each AZ egresses through its own NAT), one shared
    // table otherwise ('none' gives it no default route: only the VPC and gateway endpoints).
    const privateRts: RouteTable[] = [];
    const privateSubnetIds: string[] = [];
    if (createPrivate) {
      if (natMode === 'perAz') {
        azs.forEach((az, i) => {
          const rt = new RouteTable(this, `private-rt-${az}`, {
            vpcId: vpc.id,
            tags: withName(`${name}-private-${az}`, tags),
          });
          new Route(this, `private-default-route-${az}`, {
            routeTableId: rt.id,
            destinationCidrBlock: '0.0.0.0/0',
            natGatewayId: nats[i].nat.id,
          });
          privateRts.push(rt);
        });
      } else {
        const rt = new RouteTable(this, 'private-rt', {
          vpcId: vpc.id,
          tags: withName(`${name}-private`, tags),
        });
        if (natMode === 'single') {
          new Route(this, 'private-default-route', {
            routeTableId: rt.id,
            destinationCidrBlock: '0.0.0.0/0',
            natGatewayId: nats[0].nat.id,
          });
        }
        privateRts.push(rt);
      }
      azs.forEach((az, i) => {
        const subnet = new Subnet(this, `private-${az}`, {
          vpcId: vpc.id,
          availabilityZone: az,
          cidrBlock: layout.privateCidrs[i],
          mapPublicIpOnLaunch: false,
          tags: withName(`${name}-private-${az}`, { ...tags, Tier: 'private', ...props.privateSubnetTags }),
        });
        const rt = privateRts.length === 1 ? privateRts[0] : privateRts[i];
        new RouteTableAssociation(this, `private-${az}-rta`, { subnetId: subnet.id, routeTableId: rt.id });
        privateSubnetIds.push(subnet.id);
      });
    }
    this.privateSubnetIds = privateSubnetIds;
    this.privateSubnetCidrs = createPrivate ? layout.privateCidrs : [];
    this.privateRouteTableIds = privateRts.map((rt) => rt.id);

    const allRouteTableIds = [publicRt.id, ...this.privateRouteTableIds];
    const endpointIds: Partial<Record<GatewayEndpointService, string>> = {};
    const prefixListIds: Partial<Record<GatewayEndpointService, string>> = {};
    for (const service of endpoints) {
      const endpoint = new VpcEndpoint(this, `${service}-endpoint`, {
        vpcId: vpc.id,
        serviceName: gatewayEndpointServiceName(this.region, service),
        vpcEndpointType: 'Gateway',
        routeTableIds: allRouteTableIds,
        tags: withName(`${name}-${service}`, tags),
      });
      endpointIds[service] = endpoint.id;
      prefixListIds[service] = endpoint.prefixListId;
    }
    this.gatewayEndpointIds = endpointIds;
    this.gatewayEndpointPrefixListIds = prefixListIds;

    const interfaceIds: Record<string, string> = {};
    if (interfaceEndpoints.length > 0) {
      // One group for all endpoints: they serve the same clients (anything in the VPC) on 443.
      const sg = new SecurityGroup(this, 'endpoints-sg', {
        name: `${name}-vpc-endpoints`,
        vpcId: vpc.id,
        description: `Interface VPC endpoints of ${name}: HTTPS from inside the VPC`,
        ingress: [
          {
            key: 'https-vpc',
            port: 443,
            description: 'HTTPS to AWS APIs from the VPC',
            source: { cidrs: [props.cidrBlock] },
          },
        ],
        tags,
      });
      this.interfaceEndpointSecurityGroup = sg;
      const endpointAzs = props.interfaceEndpointAvailabilityZones ?? azs;
      const endpointSubnetIds = this.privateSubnetIds.filter((_, i) => endpointAzs.includes(azs[i]));
      for (const spec of interfaceEndpoints) {
        const options = interfaceEndpointOptions(spec);
        if (!isKnownInterfaceEndpointService(options.service)) {
          Annotations.of(this).addWarning(
            `interfaceEndpoints: "${options.service}" is not in KNOWN_INTERFACE_ENDPOINT_SERVICES; check that ` +
              `${interfaceEndpointServiceName(this.region, options.service)} exists in ${this.region}`,
          );
        }
        const endpoint = new VpcEndpoint(
          this,
          `${interfaceEndpointKey(options.service)}-interface-endpoint`,
          {
            vpcId: vpc.id,
            serviceName: interfaceEndpointServiceName(this.region, options.service),
            vpcEndpointType: 'Interface',
            privateDnsEnabled: options.privateDnsEnabled ?? true,
            subnetIds: endpointSubnetIds,
            securityGroupIds: [sg.securityGroupId],
            policy: options.policyJson,
            tags: withName(`${name}-${options.service}`, tags),
          },
        );
        interfaceIds[options.service] = endpoint.id;
      }
    }
    this.interfaceEndpointIds = interfaceIds;

    if (flowLogs.destination !== 'none') {
      const flowLog = new VpcFlowLog(this, 'flow-log', {
        name,
        vpcId: vpc.id,
        region: this.region,
        partition: this.partition,
        config: flowLogs,
        tags,
      });
      this.flowLogId = flowLog.flowLogId;
      this.flowLogGroupName = flowLog.logGroupName;
      this.flowLogGroupArn = flowLog.logGroupArn;
    }
  }
}

interface Resolved {
  readonly createPrivate: boolean;
  readonly natMode: NatGatewayMode;
  readonly newBits: number;
  readonly flowLogs: FlowLogsConfig;
  readonly endpoints: readonly string[];
  readonly interfaceEndpoints: readonly InterfaceEndpointSpec[];
  readonly region: string | undefined;
}

function validate(scope: Construct, props: VpcProps, r: Resolved): void {
  const v = new Validator(scope);

  v.check(
    typeof props.name === 'string' && NAME_RE.test(props.name) && props.name.length <= MAX_VPC_NAME_LENGTH,
    'name',
    props.name,
    `must be 1-${MAX_VPC_NAME_LENGTH} letters, digits and hyphens, starting with a letter or digit ` +
      `(it prefixes the IAM role "<name>-vpc-flow-logs", limited to 64 characters)`,
    'use a short prefix such as "orders-dev"',
  );

  // CIDR block: literal (subnets are computed from it at synth), syntax, host bits, size.
  const cidrToken = Token.isUnresolved(props.cidrBlock);
  v.check(
    !cidrToken,
    'cidrBlock',
    '<token>',
    'is an unresolved value; subnet blocks are computed from it at synth time',
    'pass a literal block from the stack configuration, e.g. "10.0.0.0/16"',
  );
  const cidrOk = !cidrToken && isValidCidr(props.cidrBlock);
  v.check(
    cidrOk || cidrToken,
    'cidrBlock',
    props.cidrBlock,
    'is not an IPv4 CIDR block with zero host bits',
    'use a network address such as "10.0.0.0/16" (for 10.0.0.1/16 write 10.0.0.0/16)',
  );
  const prefix = cidrOk ? (cidrPrefix(props.cidrBlock) as number) : undefined;
  if (prefix !== undefined) {
    v.check(
      prefix >= MIN_VPC_PREFIX && prefix <= MAX_VPC_PREFIX,
      'cidrBlock',
      props.cidrBlock,
      `has prefix /${prefix}; AWS allows VPC blocks from /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}`,
      `use a prefix from /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}, e.g. "10.0.0.0/16"`,
    );
  }

  // Availability zones.
  const azs = props.availabilityZones ?? [];
  const tokenAz = azs.some((az) => Token.isUnresolved(az)) || Token.isUnresolved(azs);
  v.check(
    !tokenAz,
    'availabilityZones',
    '<token>',
    'contains an unresolved value; subnets are keyed by AZ name, so the names must be known at synth',
    'pass literal AZ names from the stack configuration, e.g. ["us-east-1a", "us-east-1b"]',
  );
  if (!tokenAz) {
    v.check(
      azs.length >= 1 && azs.length <= MAX_AZS,
      'availabilityZones',
      azs,
      `has ${azs.length} entries; 1 to ${MAX_AZS} are allowed`,
      azs.length === 0 ? 'list at least one AZ, e.g. ["us-east-1a"]' : `list at most ${MAX_AZS} AZs`,
    );
    const dupes = azs.filter((az, i) => azs.indexOf(az) !== i);
    v.check(
      dupes.length === 0,
      'availabilityZones',
      azs,
      `lists ${[...new Set(dupes)].join(', ')} more than once`,
      'list each AZ once',
    );
    const malformed = azs.filter((az) => regionOfAz(az) === undefined);
    v.check(
      malformed.length === 0,
      'availabilityZones',
      azs,
      `has entries that are not AZ names: ${malformed.map((a) => JSON.stringify(a)).join(', ')}`,
      'use AZ names such as "us-east-1a" (zone ids like "use1-az1" and Local Zones are not supported)',
    );
    const regions = [...new Set(azs.map(regionOfAz).filter((x): x is string => x !== undefined))];
    v.check(
      regions.length <= 1,
      'availabilityZones',
      azs,
      `spans several regions (${regions.join(', ')}); a VPC lives in one region`,
      `use AZs of one region only, e.g. all of ${regions[0]}`,
    );
    if (props.region !== undefined) {
      v.check(
        isValidRegion(props.region),
        'region',
        props.region,
        'is not an AWS region name',
        'use a region such as "us-east-1", or leave it unset to derive it from the AZs',
      );
      const outside = azs.filter(
        (az) => regionOfAz(az) !== undefined && !isAzInRegion(az, props.region as string),
      );
      v.check(
        outside.length === 0,
        'availabilityZones',
        azs,
        `has AZs outside region ${props.region}: ${outside.join(', ')}`,
        `use AZs of ${props.region} (e.g. "${props.region}a"), or correct region`,
      );
    } else if (r.region !== undefined) {
      v.check(
        isValidRegion(r.region),
        'availabilityZones',
        azs,
        `names region "${r.region}", which is not an AWS region`,
        'check the AZ names, or set region explicitly',
      );
    }
  }

  // Subnet sizing.
  v.check(
    Number.isInteger(r.newBits) && r.newBits >= 1,
    'subnetNewBits',
    props.subnetNewBits,
    'must be a whole number of at least 1 (the VPC is split into a public and a private half)',
    'use 4 for /20 subnets in a /16, or leave it unset',
  );
  if (
    cidrOk &&
    !tokenAz &&
    azs.length >= 1 &&
    azs.length <= MAX_AZS &&
    Number.isInteger(r.newBits) &&
    r.newBits >= 1
  ) {
    const fit = subnetFitProblem(props.cidrBlock, r.newBits, azs.length);
    const lo = minNewBits(azs.length);
    const hi = maxNewBits(props.cidrBlock) as number;
    v.check(
      fit === undefined,
      'subnetNewBits',
      r.newBits,
      fit ?? '',
      lo <= hi
        ? `set subnetNewBits from ${lo} to ${hi} for ${azs.length} AZs in ${props.cidrBlock}`
        : `use a larger cidrBlock (at most /${28 - lo} for ${azs.length} AZs) or fewer AZs`,
    );
  }

  // NAT.
  v.check(
    NAT_MODES.includes(r.natMode),
    'natGateways',
    props.natGateways,
    `must be one of ${NAT_MODES.map((m) => `"${m}"`).join(', ')}`,
    'use "single" (one shared NAT), "perAz" (one per AZ) or "none"',
  );
  v.check(
    r.createPrivate || r.natMode === 'none',
    'natGateways',
    props.natGateways,
    'needs private subnets, but createPrivateSubnets is false (a NAT gateway only serves private subnets)',
    'set natGateways to "none", or remove createPrivateSubnets: false',
  );

  // Gateway endpoints.
  const unknownEndpoints = r.endpoints.filter((e) => !(GATEWAY_SERVICES as readonly string[]).includes(e));
  v.check(
    unknownEndpoints.length === 0,
    'gatewayEndpoints',
    props.gatewayEndpoints,
    `has unsupported services ${unknownEndpoints.join(', ')}; only S3 and DynamoDB have gateway endpoints`,
    'use a subset of ["s3", "dynamodb"]',
  );
  v.check(
    new Set(r.endpoints).size === r.endpoints.length,
    'gatewayEndpoints',
    props.gatewayEndpoints,
    'lists a service more than once',
    'list each service once',
  );

  // Interface endpoints.
  validateInterfaceEndpoints(v, r.interfaceEndpoints, r.createPrivate);
  validateEndpointAvailabilityZones(v, props, r.interfaceEndpoints);

  // Flow logs.
  const fl = r.flowLogs;
  if (fl.destination === 'cloudWatch') {
    const days = fl.retentionInDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS;
    v.check(
      isValidLogRetention(days),
      'flowLogs.retentionInDays',
      fl.retentionInDays,
      'is not a retention period CloudWatch Logs accepts',
      `use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ... (nearest: ${nearestLogRetention(days)})`,
    );
    v.checkOptional(
      fl.kmsKeyArn,
      (arn) => KMS_KEY_ARN_RE.test(arn),
      'flowLogs.kmsKeyArn',
      'is not a KMS key ARN',
      'use "arn:aws:kms:<region>:<account>:key/<key-id>"',
    );
  } else if (fl.destination === 's3') {
    v.check(
      typeof fl.bucketArn === 'string' && S3_BUCKET_ARN_RE.test(fl.bucketArn),
      'flowLogs.bucketArn',
      fl.bucketArn,
      'is not an S3 bucket ARN',
      'use "arn:aws:s3:::<bucket>" or "arn:aws:s3:::<bucket>/<prefix>/" (not a bucket name, no wildcards)',
    );
  } else if (fl.destination !== 'none') {
    v.add(
      'flowLogs.destination',
      (fl as { destination: unknown }).destination,
      'is not a flow-log destination',
      'use "cloudWatch", "s3" or "none"',
    );
  }
  if (fl.destination === 'cloudWatch' || fl.destination === 's3') {
    v.checkOptional(
      fl.trafficType,
      (t) => TRAFFIC_TYPES.includes(t),
      'flowLogs.trafficType',
      'is not a flow-log traffic type',
      'use "ALL", "ACCEPT" or "REJECT"',
    );
    v.checkOptional(
      fl.maxAggregationIntervalSeconds,
      (s) => s === 60 || s === 600,
      'flowLogs.maxAggregationIntervalSeconds',
      'must be 60 or 600',
      'use 600 (default) or 60',
    );
  }

  v.throwIfInvalid();
}

function validateEndpointAvailabilityZones(
  v: Validator,
  props: VpcProps,
  specs: readonly InterfaceEndpointSpec[],
): void {
  const chosen = props.interfaceEndpointAvailabilityZones;
  if (chosen === undefined) return;
  const field = 'interfaceEndpointAvailabilityZones';
  if (isUnresolved(chosen) || !Array.isArray(chosen)) {
    v.add(field, '<token>', 'is not a literal list', 'list zone names, e.g. ["us-east-1a"]');
    return;
  }
  v.check(
    Array.isArray(specs) && specs.length > 0,
    field,
    chosen,
    'is set, but there are no interfaceEndpoints to place',
    'remove it, or add interfaceEndpoints',
  );
  v.check(
    chosen.length > 0,
    field,
    chosen,
    'is empty: the endpoints would have no network interface',
    'list at least one zone, or remove it for every zone',
  );
  const azs = Array.isArray(props.availabilityZones) ? props.availabilityZones : [];
  chosen.forEach((az, i) => {
    v.check(
      azs.includes(az),
      `${field}[${i}]`,
      az,
      'is not one of availabilityZones',
      `use zones from availabilityZones (${azs.join(', ')})`,
    );
    v.check(chosen.indexOf(az) === i, `${field}[${i}]`, az, 'is listed twice', 'list each zone once');
  });
}

function validateInterfaceEndpoints(
  v: Validator,
  specs: readonly InterfaceEndpointSpec[],
  createPrivate: boolean,
): void {
  if (isUnresolved(specs) || !Array.isArray(specs)) {
    v.add(
      'interfaceEndpoints',
      '<token>',
      'is not a literal list; endpoints are keyed by service name at synth time',
      'list the services literally, e.g. ["ecr.api", "ecr.dkr", "logs"]',
    );
    return;
  }
  if (specs.length === 0) return;
  v.check(
    createPrivate,
    'interfaceEndpoints',
    specs,
    'needs private subnets (interface endpoints are placed in them), but createPrivateSubnets is false',
    'remove createPrivateSubnets: false, or remove interfaceEndpoints',
  );
  const services = specs.map((s) => interfaceEndpointOptions(s).service);
  specs.forEach((spec, i) => {
    const options = interfaceEndpointOptions(spec);
    const problem = isUnresolved(options.service)
      ? 'is an unresolved value'
      : interfaceServiceProblem(options.service);
    if (problem !== undefined) {
      v.add(
        `interfaceEndpoints[${i}].service`,
        options.service,
        problem,
        /^(s3|dynamodb)$/.test(String(options.service))
          ? 'use gatewayEndpoints for S3 and DynamoDB (free, no network interfaces)'
          : 'use a literal service name after "com.amazonaws.<region>.", e.g. "ecr.api" (see KNOWN_INTERFACE_ENDPOINT_SERVICES)',
      );
    }
    v.checkOptional(
      options.policyJson,
      (p) => endpointPolicyProblem(p) === undefined,
      `interfaceEndpoints[${i}].policyJson`,
      endpointPolicyProblem(String(options.policyJson)) ?? '',
      "pass a policy document, e.g. an aws_iam_policy_document's json",
    );
  });
  const keys = services.filter((s) => typeof s === 'string').map((s) => interfaceEndpointKey(s));
  const dupes = services.filter(
    (s, i) => typeof s === 'string' && keys.indexOf(interfaceEndpointKey(s)) !== i,
  );
  v.check(
    dupes.length === 0,
    'interfaceEndpoints',
    services,
    `lists ${[...new Set(dupes)].join(', ')} more than once`,
    'list each service once (one endpoint serves every subnet and AZ)',
  );
}
