import { Token } from 'cdktf';
import { Validator, isUnresolved } from '../core/validation';
import { isValidPort } from '../core/aws-rules';
import { secretKeyReason, secretValueReason } from '../core/secret-detection';

/**
 * A secret in AWS Secrets Manager, injected into the container by ECS when the task starts. Only
 * the ARN is in the task definition; the execution role may read exactly this secret.
 */
export interface SecretsManagerSecret {
  /**
   * Full ARN of the secret, including the six-character suffix Secrets Manager appends to the
   * name (`arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf`), e.g. the
   * `arn` of an `aws_secretsmanager_secret`. A partial ARN (without the suffix) would not match
   * the IAM policy.
   */
  readonly secretsManagerArn: string;
  /** Key of a JSON secret whose value to inject, e.g. `password`. @default - the whole secret string */
  readonly jsonKey?: string;
  /** Staging label to read, e.g. `AWSPREVIOUS`. Exclusive with `versionId`. @default - AWSCURRENT */
  readonly versionStage?: string;
  /** Version id to read. Exclusive with `versionStage`. @default - AWSCURRENT */
  readonly versionId?: string;
  /**
   * Customer managed KMS key the secret is encrypted with; the execution role gets `kms:Decrypt`
   * on it, only via Secrets Manager.
   * @default - the AWS managed key `aws/secretsmanager`, which needs no grant
   */
  readonly kmsKeyArn?: string;
}

/** A parameter in SSM Parameter Store (String or SecureString), injected by ECS at task start. */
export interface SsmParameterSecret {
  /** Parameter ARN: `arn:aws:ssm:<region>:<account>:parameter/<name without leading slash>`. */
  readonly ssmParameterArn: string;
  /**
   * Customer managed KMS key of a SecureString parameter; the execution role gets `kms:Decrypt`
   * on it, only via SSM.
   * @default - the AWS managed key `aws/ssm`, which needs no grant
   */
  readonly kmsKeyArn?: string;
}

/** Where a container secret comes from: Secrets Manager or SSM Parameter Store, by ARN. */
export type ContainerSecret = SecretsManagerSecret | SsmParameterSecret;

/** One port the container listens on. In `awsvpc` mode the host port is always the same. */
export interface ContainerPortMapping {
  /** Port the container listens on, 1-65535. */
  readonly containerPort: number;
  /** @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
}

/**
 * Container health check, run by the ECS agent inside the container. Every field is rendered
 * explicitly, so the task definition compares equal to what ECS stores (ECS fills in omitted
 * interval, timeout and retries, and a definition without them would show a diff on every plan).
 */
export interface ContainerHealthCheck {
  /**
   * The command: `['CMD', 'executable', 'arg']` runs it directly, `['CMD-SHELL', 'curl -f
   * http://localhost:8000/health || exit 1']` through the image's shell. Exit code 0 is healthy.
   */
  readonly command: string[];
  /** Seconds between checks, 5-300. @default 30 */
  readonly intervalSeconds?: number;
  /** Seconds a check may take before it counts as failed, 2-120. @default 5 */
  readonly timeoutSeconds?: number;
  /** Consecutive failures before the container is unhealthy, 1-10. @default 3 */
  readonly retries?: number;
  /** Seconds after start during which failures don't count, 0-300. @default 0 */
  readonly startPeriodSeconds?: number;
}

/** When a container may start relative to another one. */
export type ContainerDependencyCondition = 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';

/** Start ordering between containers of one task. */
export interface ContainerDependency {
  /** The container this one waits for. */
  readonly containerName: string;
  /**
   * `START`: started; `COMPLETE`: exited (any code); `SUCCESS`: exited 0; `HEALTHY`: passing its
   * health check (which it must have). `COMPLETE` and `SUCCESS` need a non-essential container.
   * @default 'HEALTHY'
   */
  readonly condition?: ContainerDependencyCondition;
}

/** One container of a Fargate task. */
export interface ContainerOptions {
  /** Container name, 1-255 letters, digits, '-' and '_', unique in the task, e.g. `api`. */
  readonly name: string;
  /**
   * Image reference with a tag or digest, e.g.
   * `111122223333.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2` or `...@sha256:<64 hex>`. The tag
   * `latest` and untagged images are refused: a revision must name one image, or a task started
   * tomorrow runs different code than the one the plan showed. Tokens (e.g. a repository URL
   * attribute) are accepted; only a literal tail is checked.
   */
  readonly image: string;
  /** CPU units reserved for this container (1,024 = 1 vCPU). @default - none; the container shares the task's CPU */
  readonly cpu?: number;
  /** Hard memory limit (MiB); the container is killed above it. @default - the task's memory */
  readonly memoryLimitMiB?: number;
  /** Soft memory reservation (MiB), at most `memoryLimitMiB`. @default - none */
  readonly memoryReservationMiB?: number;
  /** When an essential container stops, the whole task stops. @default true */
  readonly essential?: boolean;
  /** Ports the container listens on. @default [] */
  readonly portMappings?: ContainerPortMapping[];
  /** Overrides the image's CMD. @default - the image's CMD */
  readonly command?: string[];
  /** Overrides the image's ENTRYPOINT. @default - the image's ENTRYPOINT */
  readonly entryPoint?: string[];
  /** Working directory (absolute). @default - the image's WORKDIR */
  readonly workingDirectory?: string;
  /**
   * Plain environment variables. Their values are stored in clear text in the task definition,
   * Terraform state and the synthesized JSON, so keys or values that look like secrets are
   * refused (see `secret-detection.ts`): put those in {@link secrets}. Rendered sorted by name.
   * @default {}
   */
  readonly environment?: Record<string, string>;
  /**
   * Environment keys whose names the secret check flags but that are not secrets (e.g.
   * `TOKEN_AUDIENCE`). Each must be a key of {@link environment}; their values are still checked.
   * An explicit, reviewable exception: it is recorded as a suppression of policy rule MLM-ECS-010
   * (listed in the synth output). Never list a real secret here.
   * @default []
   */
  readonly notSecrets?: string[];
  /**
   * Secrets injected as environment variables at task start, by Secrets Manager or SSM ARN. The
   * task definition holds only the ARN; the execution role may read exactly these ARNs (and
   * `kms:Decrypt` on the keys given). Rendered sorted by name.
   * @default {}
   */
  readonly secrets?: Record<string, ContainerSecret>;
  /** Container health check. @default - none (ECS considers a running container healthy) */
  readonly healthCheck?: ContainerHealthCheck;
  /** Containers that must reach a state before this one starts. @default [] */
  readonly dependsOn?: ContainerDependency[];
  /**
   * User (and group) the process runs as: `uid`, `uid:gid`, `user` or `user:group`. Root (`0`,
   * `root`, with any group) is refused unless {@link allowRootUser}. A numeric uid need not exist
   * in the image; `HOME` is then `/`. A non-root process can't bind ports below 1024 (synthesis
   * warns); listen on 8080 and let the load balancer map 80/443.
   * @default '1000:1000'
   */
  readonly user?: string;
  /**
   * Let {@link user} be root. A root process that escapes the container (a runtime bug) is root
   * on the Fargate micro-VM, and inside the container it can rewrite binaries and read every
   * file. Needed only by images that can't run otherwise (binding port 80, apt at start).
   * @default false
   */
  readonly allowRootUser?: boolean;
  /**
   * Mount the root filesystem read-only, so an attacker who gets code execution can't drop tools
   * or change the application. Images that write files need {@link writablePaths}, or this set
   * to false (policy rule MLM-ECS-003 then warns). ECS Exec needs a writable root filesystem in
   * the container you exec into.
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * Absolute paths that stay writable under a read-only root, e.g. `['/tmp']`: each becomes a
   * task-storage volume (Fargate ephemeral storage, erased with the task; Fargate has no tmpfs)
   * mounted read-write at that path.
   * @default []
   */
  readonly writablePaths?: string[];
  /**
   * Run an init process (`tini`) as PID 1: it forwards signals and reaps zombies, and ECS Exec
   * sessions leave no orphaned processes.
   * @default true
   */
  readonly initProcessEnabled?: boolean;
  /** Seconds between SIGTERM and SIGKILL when the task stops, 2-120. @default 30 (ECS default) */
  readonly stopTimeoutSeconds?: number;
  /** Docker labels. @default {} */
  readonly dockerLabels?: Record<string, string>;
}

/** How the containers' awslogs driver is configured (one log group per task definition). */
export interface ContainerLogSettings {
  /** `awslogs-region`. */
  readonly region: string;
  /** `awslogs-group`: a literal name, so the JSON holds no apply-time value. */
  readonly logGroupName: string;
  /** `awslogs-stream-prefix`. */
  readonly streamPrefix: string;
  /** Driver delivery mode. */
  readonly mode: 'blocking' | 'non-blocking';
  /** Buffer for non-blocking mode, e.g. `25m`. */
  readonly maxBufferSize: string;
}

/** One ephemeral task-storage volume that keeps a path writable under a read-only root. */
export interface ScratchVolume {
  /** Task volume name, `<container>-scratch-<n>`. */
  readonly volumeName: string;
  /** The container it is mounted in. */
  readonly containerName: string;
  /** The writable path. */
  readonly containerPath: string;
}

/** The default non-root user. */
export const DEFAULT_CONTAINER_USER = '1000:1000';

const CONTAINER_NAME_RE = /^[A-Za-z0-9_-]{1,255}$/;
const IMAGE_CHARS_RE = /^[A-Za-z0-9._/:@-]+$/;
const DIGEST_RE = /@sha256:[a-f0-9]{64}$/;
const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const USER_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;
const ENV_KEY_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const SECRETS_MANAGER_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;
const SSM_PARAMETER_ARN_RE = /^arn:aws(-cn|-us-gov)?:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9_.\-/]+$/;
export const KMS_KEY_ARN_RE = /^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:key\/[a-zA-Z0-9-]+$/;
const ROOT_USERS = new Set(['0', 'root']);

/** True for a Secrets Manager reference (as opposed to an SSM parameter). */
export function isSecretsManagerSecret(s: ContainerSecret): s is SecretsManagerSecret {
  return 'secretsManagerArn' in s;
}

/** The ARN IAM authorizes for the secret (without JSON key or version selectors). */
export function secretArn(s: ContainerSecret): string {
  return isSecretsManagerSecret(s) ? s.secretsManagerArn : s.ssmParameterArn;
}

/** The `valueFrom` ECS takes: the ARN, plus `:<jsonKey>:<versionStage>:<versionId>` when any is set. */
export function secretValueFrom(s: ContainerSecret): string {
  if (!isSecretsManagerSecret(s)) return s.ssmParameterArn;
  if (s.jsonKey === undefined && s.versionStage === undefined && s.versionId === undefined) {
    return s.secretsManagerArn;
  }
  return `${s.secretsManagerArn}:${s.jsonKey ?? ''}:${s.versionStage ?? ''}:${s.versionId ?? ''}`;
}

/** The tag of an image reference, or undefined; for tokens, of the literal tail after the last token. */
export function imageTag(image: string): string | undefined {
  const text = Token.isUnresolved(image) ? image.slice(image.lastIndexOf('}') + 1) : image;
  const withoutDigest = text.replace(/@.*$/, '');
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? undefined : withoutDigest.slice(colon + 1);
}

/** True when the user (before any `:group`) is root. */
export function isRootUser(user: string): boolean {
  return ROOT_USERS.has(user.split(':')[0]);
}

/** The scratch volumes of the containers' `writablePaths`, named `<container>-scratch-<n>`. */
export function scratchVolumes(containers: readonly ContainerOptions[]): ScratchVolume[] {
  return containers.flatMap((c) =>
    (c.writablePaths ?? []).map((path, i) => ({
      volumeName: `${c.name}-scratch-${i}`,
      containerName: c.name,
      containerPath: path,
    })),
  );
}

function sortedEntries<T>(record: Record<string, T> | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * One container definition as ECS stores it. Keys are written in a fixed order, values ECS would
 * otherwise fill in are explicit (essential, hostPort, protocol, health-check timings, mount
 * `readOnly`), lists ECS sorts are sorted, and empty lists are left out: so the JSON Terraform
 * compares after a refresh equals the configuration, and a plan without changes shows none.
 */
export function renderContainer(
  c: ContainerOptions,
  logs: ContainerLogSettings,
  volumes: readonly ScratchVolume[],
): Record<string, unknown> {
  const def: Record<string, unknown> = {
    name: c.name,
    image: c.image,
    essential: c.essential ?? true,
    cpu: c.cpu ?? 0,
  };
  if (c.memoryLimitMiB !== undefined) def.memory = c.memoryLimitMiB;
  if (c.memoryReservationMiB !== undefined) def.memoryReservation = c.memoryReservationMiB;
  def.user = c.user ?? DEFAULT_CONTAINER_USER;
  if (c.readonlyRootFilesystem ?? true) def.readonlyRootFilesystem = true;
  if (c.entryPoint?.length) def.entryPoint = [...c.entryPoint];
  if (c.command?.length) def.command = [...c.command];
  if (c.workingDirectory !== undefined) def.workingDirectory = c.workingDirectory;
  if (c.portMappings?.length) {
    def.portMappings = c.portMappings.map((p) => ({
      containerPort: p.containerPort,
      hostPort: p.containerPort,
      protocol: p.protocol ?? 'tcp',
    }));
  }
  const env = sortedEntries(c.environment);
  if (env.length) def.environment = env.map(([name, value]) => ({ name, value }));
  const secrets = sortedEntries(c.secrets);
  if (secrets.length) def.secrets = secrets.map(([name, s]) => ({ name, valueFrom: secretValueFrom(s) }));
  const mounts = volumes.filter((v) => v.containerName === c.name);
  if (mounts.length) {
    def.mountPoints = mounts.map((m) => ({
      sourceVolume: m.volumeName,
      containerPath: m.containerPath,
      readOnly: false,
    }));
  }
  if (c.healthCheck) {
    const hc: Record<string, unknown> = {
      command: [...c.healthCheck.command],
      interval: c.healthCheck.intervalSeconds ?? 30,
      timeout: c.healthCheck.timeoutSeconds ?? 5,
      retries: c.healthCheck.retries ?? 3,
    };
    // ECS returns no startPeriod when none was given; render it only when set to something.
    if (c.healthCheck.startPeriodSeconds) hc.startPeriod = c.healthCheck.startPeriodSeconds;
    def.healthCheck = hc;
  }
  if (c.dependsOn?.length) {
    def.dependsOn = c.dependsOn.map((d) => ({
      containerName: d.containerName,
      condition: d.condition ?? 'HEALTHY',
    }));
  }
  if (c.initProcessEnabled ?? true) def.linuxParameters = { initProcessEnabled: true };
  if (c.stopTimeoutSeconds !== undefined) def.stopTimeout = c.stopTimeoutSeconds;
  const labels = sortedEntries(c.dockerLabels);
  if (labels.length) def.dockerLabels = Object.fromEntries(labels);
  const options: Record<string, string> = {
    'awslogs-group': logs.logGroupName,
    'awslogs-region': logs.region,
    'awslogs-stream-prefix': logs.streamPrefix,
    mode: logs.mode,
  };
  if (logs.mode === 'non-blocking') options['max-buffer-size'] = logs.maxBufferSize;
  def.logConfiguration = { logDriver: 'awslogs', options };
  return def;
}

/** The task's `container_definitions` JSON (containers in the order given). */
export function renderContainerDefinitions(
  containers: readonly ContainerOptions[],
  logs: ContainerLogSettings,
): string {
  const volumes = scratchVolumes(containers);
  return JSON.stringify(containers.map((c) => renderContainer(c, logs, volumes)));
}

/**
 * Checks every container and the containers together. `taskCpu`/`taskMemoryMiB` bound the sums
 * (undefined: not checked, e.g. when the task size itself is invalid).
 */
export function validateContainers(
  v: Validator,
  containers: readonly ContainerOptions[] | undefined,
  taskCpu: number | undefined,
  taskMemoryMiB: number | undefined,
): void {
  const list = Array.isArray(containers) ? containers : [];
  v.check(
    list.length > 0,
    'containers',
    containers,
    'must list at least one container',
    'add a container, e.g. { name: "api", image: "<repo>:<tag>", portMappings: [{ containerPort: 8000 }] }',
  );
  if (list.length === 0) return;
  v.check(
    list.some((c) => c.essential ?? true),
    'containers',
    list.map((c) => c.name),
    'has no essential container (a task needs at least one)',
    'leave essential unset (true) on the main container',
  );
  const names = list.map((c) => c.name);
  const dupes = names.filter((n, i) => names.indexOf(n) !== i);
  v.check(
    dupes.length === 0,
    'containers',
    dupes,
    'repeat container names',
    'give each container its own name',
  );

  const byName = new Map(list.map((c) => [c.name, c] as const));
  list.forEach((c, i) => checkContainer(v, c, `containers[${i}]`, byName, taskCpu));

  const ports = list.flatMap((c, i) =>
    (c.portMappings ?? []).map((p: ContainerPortMapping) => ({
      key: `${p.containerPort}/${p.protocol ?? 'tcp'}`,
      field: `containers[${i}]`,
    })),
  );
  const portDupes = ports.filter((p, i) => ports.findIndex((q) => q.key === p.key) !== i);
  v.check(
    portDupes.length === 0,
    'containers[].portMappings',
    portDupes.map((p) => p.key),
    'map the same port twice; in awsvpc mode every container of a task shares one network namespace',
    'give each container its own port',
  );

  const cpuSum = sum(list.map((c) => c.cpu));
  if (taskCpu !== undefined && cpuSum !== undefined) {
    v.check(
      cpuSum <= taskCpu,
      'containers[].cpu',
      cpuSum,
      `adds up to more than the task's ${taskCpu} CPU units`,
      `lower the containers' cpu to ${taskCpu} in total, or raise cpu`,
    );
  }
  const memSum = sum(list.map((c) => c.memoryLimitMiB));
  if (taskMemoryMiB !== undefined && memSum !== undefined) {
    v.check(
      memSum <= taskMemoryMiB,
      'containers[].memoryLimitMiB',
      memSum,
      `adds up to more than the task's ${taskMemoryMiB} MiB`,
      `lower the limits to ${taskMemoryMiB} MiB in total, or raise memoryMiB`,
    );
  }
  const reservationSum = sum(list.map((c) => c.memoryReservationMiB));
  if (taskMemoryMiB !== undefined && reservationSum !== undefined) {
    v.check(
      reservationSum <= taskMemoryMiB,
      'containers[].memoryReservationMiB',
      reservationSum,
      `adds up to more than the task's ${taskMemoryMiB} MiB`,
      `lower the reservations to ${taskMemoryMiB} MiB in total, or raise memoryMiB`,
    );
  }
}

/** Sum of the literal numbers among `values`; undefined when there is none or any is a token. */
function sum(values: readonly (number | undefined)[]): number | undefined {
  const set = values.filter((x): x is number => x !== undefined);
  if (set.length === 0 || set.some((x) => isUnresolved(x))) return undefined;
  return set.reduce((a, b) => a + b, 0);
}

function checkContainer(
  v: Validator,
  c: ContainerOptions,
  f: string,
  byName: ReadonlyMap<string, ContainerOptions>,
  taskCpu: number | undefined,
): void {
  v.check(
    typeof c.name === 'string' && CONTAINER_NAME_RE.test(c.name),
    `${f}.name`,
    c.name,
    'must be 1-255 letters, digits, "-" and "_"',
    'use a name such as "api"',
  );
  checkImage(v, c.image, `${f}.image`);
  v.checkIntRange(c.cpu, 0, taskCpu ?? 16384, `${f}.cpu`);
  v.checkIntRange(c.memoryLimitMiB, 6, 122880, `${f}.memoryLimitMiB`);
  v.checkIntRange(c.memoryReservationMiB, 6, 122880, `${f}.memoryReservationMiB`);
  if (
    c.memoryLimitMiB !== undefined &&
    c.memoryReservationMiB !== undefined &&
    !isUnresolved(c.memoryLimitMiB) &&
    !isUnresolved(c.memoryReservationMiB)
  ) {
    v.check(
      c.memoryReservationMiB <= c.memoryLimitMiB,
      `${f}.memoryReservationMiB`,
      c.memoryReservationMiB,
      `is above memoryLimitMiB (${c.memoryLimitMiB})`,
      'set the reservation at or below the limit',
    );
  }
  (c.portMappings ?? []).forEach((p, j) => {
    v.checkOptional(
      p.containerPort,
      isValidPort,
      `${f}.portMappings[${j}].containerPort`,
      'must be a whole number from 1 to 65535',
      'use the port the process listens on, e.g. 8000',
    );
    v.check(
      p.protocol === undefined || p.protocol === 'tcp' || p.protocol === 'udp',
      `${f}.portMappings[${j}].protocol`,
      p.protocol,
      'must be "tcp" or "udp"',
      'use "tcp" (default) or "udp"',
    );
  });
  for (const key of ['command', 'entryPoint'] as const) {
    const value = c[key];
    if (value === undefined || isUnresolved(value)) continue;
    v.check(
      Array.isArray(value) && value.length > 0 && value.every((s) => typeof s === 'string'),
      `${f}.${key}`,
      value,
      'must be a non-empty list of strings',
      `pass e.g. ["python", "-m", "app"], or leave ${key} unset for the image's default`,
    );
  }
  v.checkOptional(
    c.workingDirectory,
    (d) => d.startsWith('/'),
    `${f}.workingDirectory`,
    'must be an absolute path',
    'use a path such as "/app"',
  );
  checkEnvironment(v, c, f);
  checkSecrets(v, c, f);
  checkHealthCheck(v, c.healthCheck, `${f}.healthCheck`);
  (c.dependsOn ?? []).forEach((d, j) => {
    const field = `${f}.dependsOn[${j}]`;
    const target = byName.get(d.containerName);
    v.check(
      target !== undefined && d.containerName !== c.name,
      `${field}.containerName`,
      d.containerName,
      d.containerName === c.name ? 'names the container itself' : 'is not a container of this task',
      `name another container: ${[...byName.keys()].filter((n) => n !== c.name).join(', ') || '(none)'}`,
    );
    const condition = d.condition ?? 'HEALTHY';
    v.check(
      ['START', 'COMPLETE', 'SUCCESS', 'HEALTHY'].includes(condition),
      `${field}.condition`,
      condition,
      'must be START, COMPLETE, SUCCESS or HEALTHY',
      'use one of those conditions',
    );
    if (target && condition === 'HEALTHY') {
      v.check(
        target.healthCheck !== undefined,
        `${field}.condition`,
        condition,
        `waits for "${d.containerName}" to be healthy, but that container has no healthCheck`,
        `give "${d.containerName}" a healthCheck, or use condition "START"`,
      );
    }
    if (target && (condition === 'COMPLETE' || condition === 'SUCCESS')) {
      v.check(
        target.essential === false,
        `${field}.condition`,
        condition,
        `waits for "${d.containerName}" to exit, but it is essential (its exit would stop the task)`,
        `set essential: false on "${d.containerName}"`,
      );
    }
  });
  const user = c.user ?? DEFAULT_CONTAINER_USER;
  if (!isUnresolved(user)) {
    v.check(
      typeof user === 'string' && USER_RE.test(user),
      `${f}.user`,
      user,
      'is not a user: use uid, uid:gid, user or user:group',
      'use e.g. "1000:1000" or "app"',
    );
    v.check(
      !isRootUser(user) || c.allowRootUser === true,
      `${f}.user`,
      user,
      'runs the container as root',
      'run as a non-root user (e.g. "1000:1000", the default), or set allowRootUser: true if the image cannot run otherwise',
    );
  }
  const paths: readonly string[] = c.writablePaths ?? [];
  const badPaths = paths.filter(
    (p: string) => !isUnresolved(p) && (!/^\/[^\0]*$/.test(p) || p === '/' || p.includes('//')),
  );
  v.check(
    badPaths.length === 0,
    `${f}.writablePaths`,
    badPaths,
    'must be absolute paths other than "/"',
    'list directories such as "/tmp" or "/app/cache"',
  );
  const pathDupes = paths.filter((p, i) => paths.indexOf(p) !== i);
  v.check(
    pathDupes.length === 0,
    `${f}.writablePaths`,
    pathDupes,
    'lists a path more than once',
    'list each path once',
  );
  v.checkIntRange(c.stopTimeoutSeconds, 2, 120, `${f}.stopTimeoutSeconds`);
}

function checkImage(v: Validator, image: string, field: string): void {
  if (typeof image !== 'string' || image.length === 0) {
    v.add(field, image, 'is required', 'pass an image reference such as "<registry>/<repository>:<tag>"');
    return;
  }
  if (Token.isUnresolved(image)) {
    // Only the literal tail can be checked (v.check would skip the token altogether).
    if (imageTag(image) === 'latest') {
      v.add(
        field,
        image,
        'uses the tag "latest", so the image a task runs changes without a new task definition revision',
        'pin a version tag (e.g. ":1.4.2") or a digest ("@sha256:...")',
      );
    }
    return;
  }
  v.check(
    IMAGE_CHARS_RE.test(image) && !image.startsWith('/') && !image.endsWith('/'),
    field,
    image,
    'is not an image reference (letters, digits and ._/:@- only, no spaces)',
    'use e.g. "111122223333.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2"',
  );
  if (DIGEST_RE.test(image)) return;
  const tag = imageTag(image);
  if (tag === undefined) {
    v.add(
      field,
      image,
      'has no tag or digest, which means "latest": the image a task runs would change without a new revision',
      'pin a version tag (e.g. ":1.4.2") or a digest ("@sha256:...")',
    );
  } else if (tag === 'latest') {
    v.add(
      field,
      image,
      'uses the tag "latest", so the image a task runs changes without a new task definition revision',
      'pin a version tag (e.g. ":1.4.2") or a digest ("@sha256:...")',
    );
  } else {
    v.check(
      TAG_RE.test(tag),
      field,
      image,
      `has an invalid tag "${tag}"`,
      'use a tag of letters, digits, ".", "_" and "-"',
    );
  }
}

function checkEnvironment(v: Validator, c: ContainerOptions, f: string): void {
  const env = c.environment ?? {};
  const notSecrets = new Set(c.notSecrets ?? []);
  for (const [key, value] of Object.entries(env)) {
    const field = `${f}.environment.${key}`;
    v.check(
      ENV_KEY_RE.test(key),
      field,
      key,
      'is not an environment variable name',
      'use letters, digits and "_" (not starting with a digit)',
    );
    v.check(
      typeof value === 'string',
      field,
      typeof value,
      'must be a string',
      'pass the value as a string, e.g. "8000"',
    );
    if (typeof value !== 'string') continue;
    // The value itself is never echoed: it may be the secret.
    const byValue = secretValueReason(value);
    if (byValue) {
      v.add(
        field,
        '(value hidden)',
        `holds what looks like ${byValue}; environment values are stored in clear text in the task definition and Terraform state`,
        `move it to secrets: { ${key}: { secretsManagerArn: "<secret ARN>" } } (or ssmParameterArn)`,
      );
      continue;
    }
    const byKey = notSecrets.has(key) ? undefined : secretKeyReason(key);
    if (byKey) {
      v.add(
        field,
        '(value hidden)',
        `looks like a secret (${byKey}); environment values are stored in clear text in the task definition and Terraform state`,
        `move it to secrets: { ${key}: { secretsManagerArn: "<secret ARN>" } } (or ssmParameterArn), ` +
          `or, if it is truly not a secret, list "${key}" in notSecrets`,
      );
    }
  }
  const stale = [...notSecrets].filter((k) => !(k in env));
  v.check(
    stale.length === 0,
    `${f}.notSecrets`,
    stale,
    'lists keys that are not in environment',
    'remove them from notSecrets',
  );
}

function checkSecrets(v: Validator, c: ContainerOptions, f: string): void {
  const env = c.environment ?? {};
  for (const [name, s] of Object.entries(c.secrets ?? {})) {
    const field = `${f}.secrets.${name}`;
    v.check(
      ENV_KEY_RE.test(name),
      field,
      name,
      'is not an environment variable name',
      'use letters, digits and "_" (not starting with a digit)',
    );
    v.check(!(name in env), field, name, 'is also set in environment', `remove "${name}" from environment`);
    if (s === null || typeof s !== 'object') {
      v.add(field, s, 'must be an object', 'pass { secretsManagerArn: "..." } or { ssmParameterArn: "..." }');
      continue;
    }
    const sm = 'secretsManagerArn' in s;
    const ssm = 'ssmParameterArn' in s;
    if (sm === ssm) {
      v.add(
        field,
        Object.keys(s),
        'must name exactly one of secretsManagerArn and ssmParameterArn',
        'pass { secretsManagerArn: "..." } or { ssmParameterArn: "..." }',
      );
      continue;
    }
    if (isSecretsManagerSecret(s)) {
      v.checkOptional(
        s.secretsManagerArn,
        (a) => SECRETS_MANAGER_ARN_RE.test(a),
        `${field}.secretsManagerArn`,
        'is not the full ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)',
        'pass the secret\'s full ARN, e.g. the "arn" attribute of aws_secretsmanager_secret',
      );
      v.check(
        s.versionStage === undefined || s.versionId === undefined,
        `${field}.versionStage`,
        s.versionStage,
        'is set together with versionId',
        'set one of versionStage and versionId',
      );
      v.checkOptional(
        s.jsonKey,
        (k) => k.length > 0 && !k.includes(':'),
        `${field}.jsonKey`,
        'must be a non-empty key without ":"',
        'use the JSON key, e.g. "password"',
      );
    } else {
      v.checkOptional(
        s.ssmParameterArn,
        (a) => SSM_PARAMETER_ARN_RE.test(a),
        `${field}.ssmParameterArn`,
        'is not an SSM parameter ARN',
        'use "arn:aws:ssm:<region>:<account>:parameter/<name>", e.g. the "arn" attribute of aws_ssm_parameter',
      );
    }
    v.checkOptional(
      s.kmsKeyArn,
      (a) => KMS_KEY_ARN_RE.test(a),
      `${field}.kmsKeyArn`,
      'is not a KMS key ARN',
      'pass "arn:aws:kms:<region>:<account>:key/<key-id>" (aliases do not work in IAM policies)',
    );
  }
}

function checkHealthCheck(v: Validator, hc: ContainerHealthCheck | undefined, f: string): void {
  if (!hc) return;
  const cmd = hc.command;
  v.check(
    Array.isArray(cmd) && cmd.length >= 2 && (cmd[0] === 'CMD' || cmd[0] === 'CMD-SHELL'),
    `${f}.command`,
    cmd,
    'must start with "CMD" or "CMD-SHELL" followed by the command',
    'use e.g. ["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"]',
  );
  v.checkIntRange(hc.intervalSeconds, 5, 300, `${f}.intervalSeconds`);
  v.checkIntRange(hc.timeoutSeconds, 2, 120, `${f}.timeoutSeconds`);
  v.checkIntRange(hc.retries, 1, 10, `${f}.retries`);
  v.checkIntRange(hc.startPeriodSeconds, 0, 300, `${f}.startPeriodSeconds`);
}
