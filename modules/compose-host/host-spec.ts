/**
 * What a {@link ComposeHost} runs besides the Compose file: project files, generated secrets,
 * downloads from S3, log groups, health checks. Plain data, shared by the construct and the
 * renderers.
 */

/** A file written into the project directory before the project starts. */
export interface ProjectFile {
  /**
   * Path relative to the project directory (`/opt/<project>`), e.g. `nginx/nginx.conf`:
   * segments of letters, digits, `.`, `_` and `-`, no `..`, not under `.compose-host/`.
   */
  readonly path: string;
  /** File content (a trailing newline is added when missing). */
  readonly content: string;
  /**
   * Octal mode. Files are owned by root; containers running as other users read them, so
   * configuration is world-readable by default.
   * @default '0644'
   */
  readonly mode?: '0644' | '0640' | '0600' | '0755' | '0700';
}

/**
 * A secret generated on the host the first time it is needed, kept in SSM Parameter Store as a
 * SecureString, and written at every boot into an env file (mode 0600) that the Compose file
 * passes to a container with `env_file`. The value never appears in Terraform configuration,
 * state or user data.
 */
export interface GeneratedSecret {
  /** SSM parameter name, e.g. `/shop/dev/db/password` (not under `/aws` or `/ssm`). */
  readonly parameterName: string;
  /** Env file relative to the project directory, e.g. `db.env`. Several secrets may share one. */
  readonly envFile: string;
  /** Variable name in the env file, e.g. `GF_SECURITY_ADMIN_PASSWORD`. */
  readonly variable: string;
  /**
   * KMS key ARN of the SecureString; the host role gets `kms:Decrypt`/`Encrypt`/`GenerateDataKey`
   * on it.
   * @default - the account's `aws/ssm` key (no KMS permission needed)
   */
  readonly kmsKeyArn?: string;
}

/** An S3 prefix mirrored into the project directory at every boot (`aws s3 sync --delete`). */
export interface S3Download {
  /** Bucket name. */
  readonly bucketName: string;
  /** Bucket ARN (`arn:aws:s3:::<name>`), for the read grant. */
  readonly bucketArn: string;
  /** Key prefix ending in `/`, e.g. `models/`. */
  readonly prefix: string;
  /** Directory relative to the project directory, e.g. `models`. */
  readonly path: string;
}

/** A CloudWatch Logs group, as a name and an ARN (e.g. `CloudwatchLogGroup.name` and `.arn`). */
export interface HostLogGroup {
  readonly name: string;
  readonly arn: string;
}

/** What "healthy" means for the host, and how long it may take to get there. */
export interface HostHealthCheck {
  /**
   * URLs fetched on the host (`curl -fsS --max-time 5`); each must answer 2xx/3xx, e.g.
   * `http://127.0.0.1:8080/health`. The project service having started is always required.
   * @default [] - only the project service
   */
  readonly urls?: string[];
  /**
   * Seconds the host may stay unhealthy, counted from the first failed check of a boot (about a
   * minute after boot), before it reports itself Unhealthy to its Auto Scaling group, which
   * then replaces it. Long enough for a cold install (packages, image pulls); 300 to 3,600.
   * @default 900
   */
  readonly deadlineInSeconds?: number;
}

/** Pinned Docker Compose CLI plugin for hosts whose OS has no package for it (Amazon Linux 2023). */
export interface ComposePluginSource {
  /** Release tag on github.com/docker/compose. @default 'v2.29.7' */
  readonly version?: string;
  /**
   * SHA-256 of the release binary per architecture (`x86_64`, `aarch64`). When omitted the
   * binary is checked against the `.sha256` file published with the release, which catches a
   * corrupted download but trusts the release host.
   * @default - the release's published checksum
   */
  readonly sha256?: Readonly<Partial<Record<'x86_64' | 'aarch64', string>>>;
}

/** Default Docker Compose plugin release. */
export const DEFAULT_COMPOSE_VERSION = 'v2.29.7';

/** How often and how patiently the bootstrap retries a network step. */
export interface RetryPolicy {
  /** Attempts per step, 1 to 10. @default 5 */
  readonly attempts?: number;
  /** Seconds before the second attempt; doubled before each next one, 1 to 60. @default 5 */
  readonly baseDelayInSeconds?: number;
}
