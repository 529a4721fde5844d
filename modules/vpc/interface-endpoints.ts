/**
 * Interface VPC endpoints (AWS PrivateLink): the services the VPC module knows, how a service
 * name is built, and the checks on the `interfaceEndpoints` prop, as pure functions.
 *
 * Cost (us-east-1): $0.01 per endpoint per AZ per hour (~$7.30/month per AZ) plus $0.01 per GB
 * processed. A NAT gateway costs $0.045/hour plus $0.045/GB, so an endpoint pays for itself on
 * data processing alone above ~209 GB/month per AZ, and replaces the NAT gateway entirely only
 * when every AWS API the workloads call has an endpoint (and nothing needs the internet).
 */

/**
 * Interface endpoint services the module knows (the part after `com.amazonaws.<region>.`). Other
 * services are accepted through {@link InterfaceEndpointOptions.service} if the name has the
 * right shape; synthesis then warns, since only AWS knows whether the service exists in the
 * region.
 *
 * | service                                              | what it serves                                           |
 * |------------------------------------------------------|----------------------------------------------------------|
 * | `ecr.api`, `ecr.dkr`                                 | ECR API and image pulls (layers come from S3: keep the S3 gateway endpoint) |
 * | `ecs`, `ecs-agent`, `ecs-telemetry`                  | ECS on EC2 (the container agent)                         |
 * | `logs`, `monitoring`, `events`, `xray`               | CloudWatch Logs, metrics, EventBridge, X-Ray             |
 * | `secretsmanager`, `ssm`, `kms`, `sts`                | secrets, parameters, keys, role credentials (web identity) |
 * | `ssmmessages`, `ec2messages`, `ec2`                  | SSM Session Manager and Run Command; the EC2 API          |
 * | `elasticloadbalancing`, `autoscaling`, `application-autoscaling` | load balancer and scaling APIs              |
 * | `sqs`, `sns`, `states`, `lambda`, `execute-api`      | queues, topics, Step Functions, Lambda, private API Gateway |
 * | `bedrock`, `bedrock-runtime`, `bedrock-agent`, `bedrock-agent-runtime` | Amazon Bedrock control plane and inference |
 * | `sagemaker.api`, `sagemaker.runtime`                 | SageMaker API and endpoint invocation                    |
 * | `athena`, `glue`, `kinesis-streams`, `firehose`      | analytics                                                |
 * | `elasticfilesystem`, `ebs`, `backup`                 | file systems, EBS direct APIs, AWS Backup                |
 * | `rds`, `rds-data`, `elasticache`, `es`               | database, cache and search control planes (not their data endpoints, which live in the VPC already) |
 * | `codeartifact.api`, `codeartifact.repositories`, `codebuild`, `cloudformation`, `batch` | build and deployment tooling |
 */
export const KNOWN_INTERFACE_ENDPOINT_SERVICES = [
  'ecr.api',
  'ecr.dkr',
  'ecs',
  'ecs-agent',
  'ecs-telemetry',
  'logs',
  'monitoring',
  'events',
  'xray',
  'secretsmanager',
  'ssm',
  'kms',
  'sts',
  'ssmmessages',
  'ec2messages',
  'ec2',
  'elasticloadbalancing',
  'autoscaling',
  'application-autoscaling',
  'sqs',
  'sns',
  'states',
  'lambda',
  'execute-api',
  'bedrock',
  'bedrock-runtime',
  'bedrock-agent',
  'bedrock-agent-runtime',
  'sagemaker.api',
  'sagemaker.runtime',
  'athena',
  'glue',
  'kinesis-streams',
  'firehose',
  'elasticfilesystem',
  'ebs',
  'backup',
  'rds',
  'rds-data',
  'elasticache',
  'es',
  'codeartifact.api',
  'codeartifact.repositories',
  'codebuild',
  'cloudformation',
  'batch',
] as const;

/** A service in {@link KNOWN_INTERFACE_ENDPOINT_SERVICES}. */
export type KnownInterfaceEndpointService = (typeof KNOWN_INTERFACE_ENDPOINT_SERVICES)[number];

/** One interface endpoint with options. */
export interface InterfaceEndpointOptions {
  /**
   * Service name after `com.amazonaws.<region>.`, e.g. `ecr.api`. Known services are listed in
   * {@link KNOWN_INTERFACE_ENDPOINT_SERVICES}; any other name must be lowercase letters, digits,
   * dots and hyphens (synthesis warns that the module cannot vouch for it).
   */
  readonly service: string;
  /**
   * Endpoint policy (JSON), limiting what may be called through the endpoint, e.g. only this
   * account's repositories for `ecr.api`. A literal must parse as JSON with a `Statement`; a
   * token (such as `aws_iam_policy_document.json`) is passed through.
   * @default - AWS's default policy: full access to the service through the endpoint (IAM still applies)
   */
  readonly policyJson?: string;
  /**
   * Resolve the service's public host name (e.g. `logs.us-east-1.amazonaws.com`) to the endpoint
   * inside the VPC, so SDKs use it without configuration. Off only when another VPC's endpoint is
   * shared through a Route 53 private hosted zone.
   * @default true
   */
  readonly privateDnsEnabled?: boolean;
}

/** An interface endpoint: a known service name, or options for any service. */
export type InterfaceEndpointSpec = KnownInterfaceEndpointService | InterfaceEndpointOptions;

/** Services that have free gateway endpoints; their interface endpoints need DNS options this module doesn't set. */
const GATEWAY_ONLY: readonly string[] = ['s3', 'dynamodb'];
const SERVICE_RE = /^[a-z0-9]+([.-][a-z0-9]+)*$/;
const MAX_SERVICE_LENGTH = 60;

/** The options form of a spec. */
export function interfaceEndpointOptions(spec: InterfaceEndpointSpec): InterfaceEndpointOptions {
  return typeof spec === 'string' ? { service: spec } : spec;
}

/** Full service name, e.g. `com.amazonaws.us-east-1.ecr.api`. */
export function interfaceEndpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

/** Construct-id fragment of an endpoint: the service with dots as hyphens (`ecr.api` -> `ecr-api`). */
export function interfaceEndpointKey(service: string): string {
  return service.replace(/\./g, '-');
}

/** True when the module lists the service. */
export function isKnownInterfaceEndpointService(service: string): service is KnownInterfaceEndpointService {
  return (KNOWN_INTERFACE_ENDPOINT_SERVICES as readonly string[]).includes(service);
}

/** Why a service name is refused, or undefined when it is acceptable. */
export function interfaceServiceProblem(service: unknown): string | undefined {
  if (typeof service !== 'string') return 'is not a service name';
  if (GATEWAY_ONLY.includes(service)) {
    return `has a free gateway endpoint; an interface endpoint for ${service} needs DNS options this module does not manage`;
  }
  if (/^(com\.amazonaws|aws)\./.test(service)) {
    return 'is a full service name; give only the part after "com.amazonaws.<region>."';
  }
  if (service.length > MAX_SERVICE_LENGTH || !SERVICE_RE.test(service)) {
    return 'is not a service name (lowercase letters, digits, dots and hyphens, e.g. "ecr.api")';
  }
  return undefined;
}

/** Why a literal endpoint policy is refused, or undefined when it parses as a policy document. */
export function endpointPolicyProblem(policyJson: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policyJson);
  } catch {
    return 'is not valid JSON';
  }
  const statement = (parsed as { Statement?: unknown } | null)?.Statement;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || statement === undefined) {
    return 'is not a policy document (a JSON object with a "Statement")';
  }
  return undefined;
}
