import { Construct } from 'constructs';
import { Fn, Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { OpensearchDomain, OpensearchDomainConfig } from '@cdktf/provider-aws/lib/opensearch-domain';
import { OpensearchDomainPolicy } from '@cdktf/provider-aws/lib/opensearch-domain-policy';
import { Validator, isUnresolved, requireProps } from '../core/validation';
import { isIamPrincipalArn, isKmsKeyArn, isValidLogRetention, nearestLogRetention } from '../core/aws-rules';
import { parseTimeOfDay } from '../core/windows';
import { Tags, withName } from '../core/tags';
import { IGrantable } from '../iam/grants';
import { OPENSEARCH_ACTIONS } from '../iam/actions/opensearch';
import { ISecurityGroupRef, SecurityGroup } from '../security-group/security-group';
import { peerRuleKey } from '../security-group/peer-key';
import { IPrivateSubnetsRef } from '../vpc/vpc';

/**
 * Minimum TLS policy of the HTTPS endpoint. Both allow TLS 1.2 and later only.
 *
 * | policy                           | protocols     | cipher suites                                  |
 * |----------------------------------|---------------|------------------------------------------------|
 * | `Policy-Min-TLS-1-2-PFS-2023-10` | TLS 1.2, 1.3  | forward secrecy only (ECDHE); the default      |
 * | `Policy-Min-TLS-1-2-2019-07`     | TLS 1.2       | adds non-PFS RSA key exchange, for old clients |
 */
export type OpenSearchTlsPolicy = 'Policy-Min-TLS-1-2-PFS-2023-10' | 'Policy-Min-TLS-1-2-2019-07';

const TLS_POLICIES: readonly OpenSearchTlsPolicy[] = [
  'Policy-Min-TLS-1-2-PFS-2023-10',
  'Policy-Min-TLS-1-2-2019-07',
];

/** Dedicated master nodes: they manage cluster state so data nodes only index and search. */
export interface OpenSearchDedicatedMasters {
  /**
   * Instance type of the masters. Masters hold no data; size them by the number of nodes and
   * shards, not by data volume.
   * @default 'm7g.large.search'
   */
  readonly instanceType?: string;
  /**
   * Number of masters: 3 (a quorum survives the loss of one) or 5 (survives two). An even
   * number gives no extra safety, and 1 is a single point of failure.
   * @default 3
   */
  readonly count?: 3 | 5;
}

/** The EBS volume of each data node (gp3). */
export interface OpenSearchEbsOptions {
  /**
   * Size of each data node's volume in GiB, at least 10. Upper limits depend on the instance
   * type (t3.small.search: 100 GiB). gp3 is billed at $0.122/GB-month in us-east-1.
   * @default 10
   */
  readonly volumeSizeInGiB?: number;
  /** Provisioned IOPS, 3,000 to 16,000 (3,000 is included in the gp3 price). @default 3000 */
  readonly iops?: number;
  /**
   * Throughput in MiB/s, 125 to 1,000 and at most IOPS / 4 (125 is included in the gp3 price).
   * @default 125
   */
  readonly throughputInMiBps?: number;
}

/** Which logs the domain publishes to CloudWatch Logs (one log group each). */
export interface OpenSearchLogPublishing {
  /**
   * Index slow logs (`/aws/opensearch/<domain>/index-slow`). OpenSearch writes them only for
   * indexes whose `index.indexing.slowlog.threshold.*` settings are set.
   * @default true
   */
  readonly indexSlowLogs?: boolean;
  /** Search slow logs (`.../search-slow`); needs `index.search.slowlog.threshold.*` settings. @default true */
  readonly searchSlowLogs?: boolean;
  /** Error (application) logs (`.../application`): failures of the cluster itself. @default true */
  readonly applicationLogs?: boolean;
  /**
   * Audit logs (`.../audit`): who authenticated and what they accessed (fine-grained access
   * control, which this construct always enables, is required). Which events are logged is set
   * in the security plugin (`_plugins/_security/api/audit/config`); publishing alone logs nothing.
   * @default true
   */
  readonly auditLogs?: boolean;
  /** Retention of every log group, a value CloudWatch Logs accepts (0 is refused). @default 30 */
  readonly retentionInDays?: number;
  /**
   * KMS key ARN encrypting the log groups; its key policy must allow `logs.<region>.amazonaws.com`.
   * @default - CloudWatch Logs' own encryption (policy rule MLM-LOG-002 warns)
   */
  readonly kmsKeyArn?: string;
}

/** Props of {@link OpenSearchDomain}. */
export interface OpenSearchDomainProps {
  /**
   * Domain name, 3-28 lowercase letters, digits and hyphens, starting with a letter. It also
   * names the security group `<domain>-opensearch` and the log groups `/aws/opensearch/<domain>/...`.
   */
  readonly domainName: string;
  /**
   * The VPC: data nodes go into the first {@link availabilityZoneCount} private subnets (one per
   * AZ). A `Vpc` (modules/vpc) fits.
   */
  readonly vpc: IPrivateSubnetsRef;
  /**
   * IAM role (or user) that is the master user of fine-grained access control: it maps other
   * roles to OpenSearch roles (`_plugins/_security/api/rolesmapping`). An IAM principal has no
   * password, so nothing secret reaches Terraform state (the internal user database would need a
   * master password, which the provider keeps in state). The access policy admits it.
   */
  readonly masterUserArn: string;
  /**
   * Further IAM roles or users that the domain's resource policy admits (all `es:ESHttp*`
   * actions on the domain's paths). Principals of this account can also be admitted with
   * {@link OpenSearchDomain.grantReadWrite} instead, through their own policy. Inside the
   * cluster, fine-grained access control still decides what each may do.
   * @default [] (only the master user)
   */
  readonly accessPrincipalArns?: readonly string[];
  /**
   * Security groups whose members may connect on 443. More can be admitted with
   * {@link OpenSearchDomain.allowFrom}. The domain's own group has no egress rules.
   * @default [] (nobody can connect until a group is admitted)
   */
  readonly allowFrom?: readonly ISecurityGroupRef[];
  /** Engine version, `OpenSearch_<major>.<minor>`. @default 'OpenSearch_2.19' */
  readonly engineVersion?: string;
  /**
   * Data node instance type, `<family>.<size>.search`. T3 types are for development: they have
   * no Auto-Tune and little memory.
   * @default 't3.small.search' ($0.036/hour in us-east-1, 2 GiB memory)
   */
  readonly instanceType?: string;
  /**
   * Number of data nodes, 1 to 80. With zone awareness it must be a multiple of
   * {@link availabilityZoneCount}. A single node has no replica of any shard.
   * @default 1
   */
  readonly instanceCount?: number;
  /**
   * Availability zones the data nodes spread over: 1 (no zone awareness), 2 or 3. With 2 or 3,
   * OpenSearch places primary and replica shards in different AZs (indexes need at least one
   * replica), so an AZ outage loses no data.
   * @default 1
   */
  readonly availabilityZoneCount?: 1 | 2 | 3;
  /**
   * Dedicated master nodes (recommended from three data nodes on, and for production).
   * @default - none: data nodes also act as masters (policy rules MLM-OS-010 and MLM-OS-011 warn)
   */
  readonly dedicatedMasters?: OpenSearchDedicatedMasters;
  /** Data node storage (gp3). @default { volumeSizeInGiB: 10, iops: 3000, throughputInMiBps: 125 } */
  readonly ebs?: OpenSearchEbsOptions;
  /**
   * KMS key ARN for encryption at rest (always on). Its key policy must let OpenSearch Service
   * use it (`kms:CreateGrant` via `es.<region>.amazonaws.com`); disabling the key makes the domain
   * unreadable.
   * @default - the AWS managed key `aws/es` (policy rule MLM-OS-007 warns)
   */
  readonly kmsKeyArn?: string;
  /** Minimum TLS policy of the HTTPS endpoint; see {@link OpenSearchTlsPolicy}. @default 'Policy-Min-TLS-1-2-PFS-2023-10' */
  readonly tlsSecurityPolicy?: OpenSearchTlsPolicy;
  /**
   * Log publishing to CloudWatch Logs, with a log resource policy that lets only this domain's
   * OpenSearch service principal write to these groups.
   * @default - all four log types, 30 days
   */
  readonly logs?: OpenSearchLogPublishing;
  /**
   * Auto-Tune: memory settings (JVM heap, queue sizes) adjusted by the service, applied in the
   * off-peak window. Not available on T2/T3 instance types.
   * @default - on, except for T2/T3 instance types
   */
  readonly autoTune?: boolean;
  /**
   * Start (UTC, `hh24:mi`) of the daily 10-hour off-peak window in which service software updates
   * and Auto-Tune changes are applied.
   * @default '22:00'
   */
  readonly offPeakWindowStartUtc?: string;
  /** Install service software updates automatically in the off-peak window. @default true */
  readonly autoSoftwareUpdate?: boolean;
  /**
   * Create the account's OpenSearch service-linked role (`opensearchservice.amazonaws.com`),
   * which VPC domains need. It exists once per account: set this in one stack of an account that
   * has never had an OpenSearch VPC domain, and nowhere else (creating it twice fails).
   * @default false
   */
  readonly createServiceLinkedRole?: boolean;
  /** Tags of every resource; each also gets a `Name` tag. @default - none */
  readonly tags?: Tags;
}

/** The log types an OpenSearch domain publishes to CloudWatch Logs. */
export type LogKind = 'index-slow' | 'search-slow' | 'application' | 'audit';
const LOG_TYPES: Readonly<Record<LogKind, string>> = {
  'index-slow': 'INDEX_SLOW_LOGS',
  'search-slow': 'SEARCH_SLOW_LOGS',
  application: 'ES_APPLICATION_LOGS',
  audit: 'AUDIT_LOGS',
};
const LOG_PROP: Readonly<Record<LogKind, keyof OpenSearchLogPublishing>> = {
  'index-slow': 'indexSlowLogs',
  'search-slow': 'searchSlowLogs',
  application: 'applicationLogs',
  audit: 'auditLogs',
};

const DOMAIN_NAME_RE = /^[a-z][a-z0-9-]{2,27}$/;
const ENGINE_VERSION_RE = /^OpenSearch_\d+\.\d+$/;
const INSTANCE_TYPE_RE =
  /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.(nano|micro|small|medium|large|\d{0,2}xlarge)\.search$/;
/** T2 and T3 types: no Auto-Tune. */
const BURSTABLE_RE = /^t[23]\./;

/**
 * An OpenSearch Service domain inside a VPC, with every protection on: encryption at rest (KMS)
 * and between nodes, HTTPS only with a TLS 1.2+ policy, fine-grained access control whose master
 * is an IAM role (no master password anywhere), a resource policy that names principals (never
 * `*`), its own security group (443 from given groups, no egress), and index slow, search slow,
 * error and audit logs in CloudWatch Logs. Sizing covers zone awareness over 1-3 AZs, dedicated
 * masters, gp3 volumes, Auto-Tune and the off-peak window.
 *
 * ```ts
 * const search = new OpenSearchDomain(this, 'search', {
 *   domainName: 'sentiment-prod',
 *   vpc: network,
 *   masterUserArn: searchAdminRole.roleArn,
 *   allowFrom: [apiService.securityGroup],
 *   instanceCount: 3,
 *   availabilityZoneCount: 3,
 *   dedicatedMasters: {},
 * });
 * search.grantReadWrite(apiTaskRole);
 * ```
 */
export class OpenSearchDomain extends Construct {
  /** The domain resource. */
  public readonly domain: OpensearchDomain;
  public readonly domainName: string;
  public readonly domainArn: string;
  /** Host name of the HTTPS endpoint (inside the VPC), e.g. `vpc-<domain>-<id>.<region>.es.amazonaws.com`. */
  public readonly domainEndpoint: string;
  /** Host and path of OpenSearch Dashboards (`<endpoint>/_dashboards`). */
  public readonly dashboardEndpoint: string;
  /** The domain's security group (443 from admitted groups only, no egress). */
  public readonly securityGroup: SecurityGroup;
  public readonly securityGroupId: string;
  public readonly instanceType: string;
  public readonly instanceCount: number;
  public readonly availabilityZoneCount: number;
  /** Dedicated masters (0 without). */
  public readonly dedicatedMasterCount: number;
  /** Size of each data node's volume, for storage alarms. */
  public readonly volumeSizeInGiB: number;
  /** Whether Auto-Tune is on. */
  public readonly autoTuneEnabled: boolean;
  /** Log group names by log kind, for the kinds published. */
  public readonly logGroupNames: Readonly<Partial<Record<LogKind, string>>>;
  /** KMS key for encryption at rest, when one was given. */
  public readonly kmsKeyArn?: string;

  private readonly ingressKeys = new Set<string>();

  constructor(scope: Construct, id: string, props: OpenSearchDomainProps) {
    super(scope, id);
    requireProps(this, props, { domainName: 'string', vpc: 'object', masterUserArn: 'string' });
    const instanceType = props.instanceType ?? 't3.small.search';
    const instanceCount = props.instanceCount ?? 1;
    const azCount = props.availabilityZoneCount ?? 1;
    const masters = props.dedicatedMasters;
    const ebs = props.ebs ?? {};
    const logs = props.logs ?? {};
    const burstable = BURSTABLE_RE.test(instanceType);
    const autoTune = props.autoTune ?? !burstable;
    const offPeak = props.offPeakWindowStartUtc ?? '22:00';

    validate(this, props, { instanceType, instanceCount, azCount, burstable, autoTune, offPeak });

    const name = props.domainName;
    const tags = props.tags;
    this.domainName = name;
    this.instanceType = instanceType;
    this.instanceCount = instanceCount;
    this.availabilityZoneCount = azCount;
    this.dedicatedMasterCount = masters ? (masters.count ?? 3) : 0;
    this.volumeSizeInGiB = ebs.volumeSizeInGiB ?? 10;
    this.autoTuneEnabled = autoTune;
    this.kmsKeyArn = props.kmsKeyArn;

    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: `${name}-opensearch`,
      vpcId: props.vpc.vpcId,
      description: `Clients of the ${name} OpenSearch domain`,
      tags,
    });
    this.securityGroupId = this.securityGroup.securityGroupId;
    (props.allowFrom ?? []).forEach((peer, i) => this.allowFrom(peer, undefined, `client-${i}`));

    // Log groups, and the one resource policy that lets this domain write to them.
    const kinds = (Object.keys(LOG_TYPES) as LogKind[]).filter((k) => logs[LOG_PROP[k]] ?? true);
    const groups = kinds.map(
      (kind) =>
        [
          kind,
          new CloudwatchLogGroup(this, `${kind}-logs`, {
            name: `/aws/opensearch/${name}/${kind}`,
            retentionInDays: logs.retentionInDays ?? 30,
            kmsKeyId: logs.kmsKeyArn,
            tags: withName(`${name}-${kind}`, tags),
          }),
        ] as const,
    );
    this.logGroupNames = Object.fromEntries(groups.map(([kind, g]) => [kind, g.name]));
    const dependsOn: (CloudwatchLogResourcePolicy | IamServiceLinkedRole)[] = [];
    if (groups.length > 0) {
      // Partition, region and account from a log group ARN: known at apply, no data source needed.
      const parts = Fn.split(':', groups[0][1].arn);
      const [partition, region, account] = [1, 3, 4].map((i) => Token.asString(Fn.element(parts, i)));
      const document = new DataAwsIamPolicyDocument(this, 'log-policy-document', {
        statement: [
          {
            sid: 'OpenSearchLogDelivery',
            effect: 'Allow',
            principals: [{ type: 'Service', identifiers: ['es.amazonaws.com'] }],
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resources: groups.map(([, g]) => `${g.arn}:*`),
            condition: [
              { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
              {
                test: 'ArnLike',
                variable: 'aws:SourceArn',
                values: [`arn:${partition}:es:${region}:${account}:domain/${name}`],
              },
            ],
          },
        ],
      });
      dependsOn.push(
        new CloudwatchLogResourcePolicy(this, 'log-policy', {
          policyName: `${name}-opensearch-logs`,
          policyDocument: document.json,
        }),
      );
    }
    if (props.createServiceLinkedRole === true) {
      dependsOn.push(
        new IamServiceLinkedRole(this, 'service-linked-role', {
          awsServiceName: 'opensearchservice.amazonaws.com',
          description: 'Lets OpenSearch Service manage network interfaces of VPC domains',
        }),
      );
    }

    const start = parseTimeOfDay(offPeak) ?? { hours: 22, minutes: 0 };
    const config: OpensearchDomainConfig = {
      domainName: name,
      engineVersion: props.engineVersion ?? 'OpenSearch_2.19',
      clusterConfig: {
        instanceType,
        instanceCount,
        zoneAwarenessEnabled: azCount > 1,
        zoneAwarenessConfig: azCount > 1 ? { availabilityZoneCount: azCount } : undefined,
        dedicatedMasterEnabled: masters !== undefined,
        dedicatedMasterType: masters ? (masters.instanceType ?? 'm7g.large.search') : undefined,
        dedicatedMasterCount: masters ? this.dedicatedMasterCount : undefined,
        multiAzWithStandbyEnabled: false,
      },
      ebsOptions: {
        ebsEnabled: true,
        volumeType: 'gp3',
        volumeSize: this.volumeSizeInGiB,
        iops: ebs.iops ?? 3000,
        throughput: ebs.throughputInMiBps ?? 125,
      },
      encryptAtRest: { enabled: true, kmsKeyId: props.kmsKeyArn },
      nodeToNodeEncryption: { enabled: true },
      domainEndpointOptions: {
        enforceHttps: true,
        tlsSecurityPolicy: props.tlsSecurityPolicy ?? 'Policy-Min-TLS-1-2-PFS-2023-10',
      },
      advancedSecurityOptions: {
        enabled: true,
        anonymousAuthEnabled: false,
        internalUserDatabaseEnabled: false,
        masterUserOptions: { masterUserArn: props.masterUserArn },
      },
      vpcOptions: {
        subnetIds: props.vpc.privateSubnetIds.slice(0, azCount),
        securityGroupIds: [this.securityGroup.securityGroupId],
      },
      logPublishingOptions:
        groups.length > 0
          ? groups.map(([kind, g]) => ({
              logType: LOG_TYPES[kind],
              cloudwatchLogGroupArn: g.arn,
              enabled: true,
            }))
          : undefined,
      // T2/T3 have no Auto-Tune; a disabled block has been reported to fail there too, so leave it out.
      autoTuneOptions: burstable
        ? undefined
        : {
            desiredState: autoTune ? 'ENABLED' : 'DISABLED',
            rollbackOnDisable: 'NO_ROLLBACK',
            useOffPeakWindow: true,
          },
      offPeakWindowOptions: {
        enabled: true,
        offPeakWindow: { windowStartTime: { hours: start.hours, minutes: start.minutes } },
      },
      softwareUpdateOptions: { autoSoftwareUpdateEnabled: props.autoSoftwareUpdate ?? true },
      ipAddressType: 'ipv4',
      tags: withName(name, tags),
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    };
    this.domain = new OpensearchDomain(this, 'domain', config);
    this.domainArn = this.domain.arn;
    this.domainEndpoint = this.domain.endpoint;
    this.dashboardEndpoint = this.domain.dashboardEndpoint;

    // The access policy names principals (never "*"); it refers to the domain's own ARN, so it is
    // a separate resource.
    const principals = [props.masterUserArn, ...(props.accessPrincipalArns ?? [])];
    const accessPolicy = new DataAwsIamPolicyDocument(this, 'access-policy-document', {
      statement: [
        {
          sid: 'NamedPrincipalsHttp',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [...new Set(principals)] }],
          actions: [...OPENSEARCH_ACTIONS.httpReadWrite],
          resources: [`${this.domain.arn}/*`],
        },
      ],
    });
    new OpensearchDomainPolicy(this, 'access-policy', {
      domainName: this.domain.domainName,
      accessPolicies: accessPolicy.json,
    });
  }

  /**
   * Lets members of `other` connect on 443.
   * @param description rule description @default "OpenSearch HTTPS clients"
   * @param fallbackKey rule key when `other` is neither a construct nor a literal id @default - `client-<n>`
   */
  public allowFrom(other: ISecurityGroupRef, description?: string, fallbackKey?: string): void {
    const key = peerRuleKey(
      'from',
      other,
      fallbackKey ?? `client-${this.ingressKeys.size}`,
      this.ingressKeys,
    );
    this.securityGroup.addIngress({
      key,
      port: 443,
      description: description ?? 'OpenSearch HTTPS clients',
      source: { securityGroupIds: [other.securityGroupId] },
    });
  }

  /**
   * Lets the grantee send GET and HEAD requests to the domain (IAM layer). With fine-grained
   * access control the grantee's role must also be mapped to an OpenSearch role with read
   * permissions inside the cluster (by the master user).
   */
  public grantRead(grantee: IGrantable): void {
    this.grantHttp(grantee, 'OpenSearchHttpRead', OPENSEARCH_ACTIONS.httpRead);
  }

  /**
   * Lets the grantee send requests with any HTTP method to the domain (IAM layer): index,
   * update, delete, search. The role must also be mapped inside the cluster.
   */
  public grantReadWrite(grantee: IGrantable): void {
    this.grantHttp(grantee, 'OpenSearchHttpReadWrite', OPENSEARCH_ACTIONS.httpReadWrite);
  }

  private grantHttp(grantee: IGrantable, sid: string, actions: readonly string[]): void {
    grantee.addStatements({
      sid,
      effect: 'Allow',
      actions: [...actions],
      resources: [this.domainArn, `${this.domainArn}/*`],
    });
  }
}

interface Resolved {
  readonly instanceType: string;
  readonly instanceCount: number;
  readonly azCount: number;
  readonly burstable: boolean;
  readonly autoTune: boolean;
  readonly offPeak: string;
}

function validate(scope: Construct, props: OpenSearchDomainProps, r: Resolved): void {
  const v = new Validator(scope);

  v.checkLiteral(
    DOMAIN_NAME_RE.test(String(props.domainName)),
    'domainName',
    props.domainName,
    'must be 3-28 lowercase letters, digits and hyphens, starting with a letter (and literal: it names the log groups)',
    'use a name such as "sentiment-dev"',
  );
  v.checkOptional(
    props.engineVersion,
    (e) => ENGINE_VERSION_RE.test(e),
    'engineVersion',
    'is not an OpenSearch version "OpenSearch_<major>.<minor>" (legacy Elasticsearch versions are not supported)',
    'use "OpenSearch_2.19" (default) or another OpenSearch version',
  );
  v.check(
    isUnresolved(r.instanceType) || INSTANCE_TYPE_RE.test(r.instanceType),
    'instanceType',
    r.instanceType,
    'is not an OpenSearch instance type "<family>.<size>.search"',
    'use a type such as "t3.small.search", "m7g.large.search" or "r7g.large.search"',
  );
  v.checkIntRange(props.instanceCount, 1, 80, 'instanceCount');
  v.check(
    [1, 2, 3].includes(r.azCount),
    'availabilityZoneCount',
    props.availabilityZoneCount,
    'must be 1, 2 or 3',
    'use 1 (no zone awareness), 2 or 3',
  );
  if ([1, 2, 3].includes(r.azCount) && Number.isInteger(r.instanceCount) && r.azCount > 1) {
    v.check(
      r.instanceCount >= r.azCount && r.instanceCount % r.azCount === 0,
      'instanceCount',
      r.instanceCount,
      `is not a multiple of availabilityZoneCount ${r.azCount}; zone awareness spreads data nodes evenly over the AZs`,
      `use ${r.azCount * Math.max(1, Math.ceil(r.instanceCount / r.azCount))} data nodes, or change availabilityZoneCount`,
    );
  }

  // Network: one private subnet per AZ used.
  const vpc = props.vpc;
  const subnets = vpc?.privateSubnetIds ?? [];
  const azs = vpc?.availabilityZones ?? [];
  v.check(
    vpc !== undefined && typeof vpc.vpcId === 'string' && vpc.vpcId !== '',
    'vpc.vpcId',
    vpc?.vpcId,
    'is required',
    'pass the Vpc construct (or { vpcId, privateSubnetIds, availabilityZones })',
  );
  if (Token.isUnresolved(subnets) || isUnresolved(azs)) {
    v.add(
      'vpc',
      '<token>',
      'has an unresolved privateSubnetIds list or availabilityZones; the subnets per AZ must be known at synth',
      'pass a literal list of subnet ids (each id may be a reference) and literal AZ names, e.g. the Vpc construct',
    );
  } else if ([1, 2, 3].includes(r.azCount)) {
    const distinct = new Set(azs.slice(0, r.azCount));
    v.check(
      subnets.length >= r.azCount && distinct.size === r.azCount,
      'vpc.privateSubnetIds',
      `${subnets.length} subnet(s) in ${[...new Set(azs.slice(0, subnets.length))].join(', ') || 'no AZ'}`,
      `must hold private subnets in ${r.azCount} different AZ(s) for availabilityZoneCount ${r.azCount}`,
      subnets.length === 0
        ? 'use a VPC with private subnets (Vpc: createPrivateSubnets true)'
        : `use a VPC with private subnets in ${r.azCount} AZs, or lower availabilityZoneCount`,
    );
  }

  // Access.
  v.check(
    isUnresolved(props.masterUserArn) ||
      (typeof props.masterUserArn === 'string' && isIamPrincipalArn(props.masterUserArn)),
    'masterUserArn',
    props.masterUserArn,
    'is not the ARN of an IAM role or user',
    'pass a role ARN such as "arn:aws:iam::111122223333:role/search-admin" (e.g. Role.roleArn)',
  );
  const principals = props.accessPrincipalArns ?? [];
  const badPrincipals = principals.filter((p) => !isUnresolved(p) && !isIamPrincipalArn(p));
  v.check(
    badPrincipals.length === 0,
    'accessPrincipalArns',
    badPrincipals,
    'has entries that are not IAM role or user ARNs ("*", account roots and services are refused: the policy must name principals)',
    'list role ARNs such as "arn:aws:iam::111122223333:role/api-task", or use grantReadWrite',
  );
  const literal = principals.filter((p) => !isUnresolved(p));
  const dupes = literal.filter((p, i) => literal.indexOf(p) !== i || p === props.masterUserArn);
  v.check(
    dupes.length === 0,
    'accessPrincipalArns',
    dupes,
    'lists a principal twice (or the master user, who is always admitted)',
    'list each principal once, without the master user',
  );

  // Masters.
  const masters = props.dedicatedMasters;
  if (masters !== undefined) {
    v.check(
      masters.count === undefined || masters.count === 3 || masters.count === 5,
      'dedicatedMasters.count',
      masters.count,
      'must be 3 or 5 (a quorum of masters needs an odd number, and one master is a single point of failure)',
      'use 3 (default) or 5',
    );
    v.checkOptional(
      masters.instanceType,
      (t) => INSTANCE_TYPE_RE.test(t),
      'dedicatedMasters.instanceType',
      'is not an OpenSearch instance type "<family>.<size>.search"',
      'use a type such as "m7g.large.search"',
    );
  }

  // Storage.
  const ebs = props.ebs ?? {};
  v.checkIntRange(ebs.volumeSizeInGiB, 10, 24576, 'ebs.volumeSizeInGiB', 'use 10 GiB or more (gp3 minimum)');
  v.checkIntRange(ebs.iops, 3000, 16000, 'ebs.iops');
  v.checkIntRange(ebs.throughputInMiBps, 125, 1000, 'ebs.throughputInMiBps');
  const iops = ebs.iops ?? 3000;
  const throughput = ebs.throughputInMiBps ?? 125;
  if (!isUnresolved(iops) && !isUnresolved(throughput)) {
    v.check(
      throughput <= iops / 4,
      'ebs.throughputInMiBps',
      throughput,
      `exceeds IOPS / 4 (${iops / 4} MiB/s for ${iops} IOPS), the gp3 limit`,
      `raise ebs.iops to at least ${throughput * 4}, or lower the throughput`,
    );
  }

  v.checkOptional(
    props.kmsKeyArn,
    isKmsKeyArn,
    'kmsKeyArn',
    'is not a KMS key ARN',
    'use "arn:aws:kms:<region>:<account>:key/<key-id>" (not an alias)',
  );
  v.checkOptional(
    props.tlsSecurityPolicy,
    (p) => TLS_POLICIES.includes(p),
    'tlsSecurityPolicy',
    'is not a TLS 1.2+ policy',
    'use "Policy-Min-TLS-1-2-PFS-2023-10" (default) or "Policy-Min-TLS-1-2-2019-07"',
  );
  v.check(
    !(r.autoTune && r.burstable),
    'autoTune',
    props.autoTune,
    `is on, but ${r.instanceType} is a T2/T3 type, which Auto-Tune does not support`,
    'leave autoTune unset (off for T2/T3), or use a non-burstable instance type such as "m7g.large.search"',
  );
  v.check(
    isUnresolved(r.offPeak) || parseTimeOfDay(r.offPeak) !== undefined,
    'offPeakWindowStartUtc',
    r.offPeak,
    'is not a time of day "hh24:mi"',
    'use a UTC time such as "22:00"',
  );

  const logs = props.logs ?? {};
  v.checkOptional(
    logs.retentionInDays,
    (d) => d !== 0 && isValidLogRetention(d),
    'logs.retentionInDays',
    'is not a retention period CloudWatch Logs accepts, or is 0 (never expire, refused by policy rule MLM-LOG-001)',
    `use one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365, ... (nearest: ${nearestLogRetention(logs.retentionInDays ?? 30)})`,
  );
  v.checkOptional(
    logs.kmsKeyArn,
    isKmsKeyArn,
    'logs.kmsKeyArn',
    'is not a KMS key ARN',
    'use "arn:aws:kms:<region>:<account>:key/<key-id>"',
  );

  v.throwIfInvalid();
}
