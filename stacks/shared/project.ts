import { Validator } from '../../modules/core/validation';

/** Tags every stack's configuration must set (Project, Environment and ManagedBy are added). */
export const REQUIRED_TAGS = ['Owner', 'CostCenter'] as const;

/** Project-wide settings shared by every stack. */
export interface ProjectConfig {
  /** Project name: prefix of stack and resource names. */
  readonly project: string;
  /** Prefix of every app bucket name: `<bucketPrefix>-<env>-<region>`. Must be globally unique. */
  readonly bucketPrefix: string;
  /** Tags on every resource of every stack (merged under each environment's tags). */
  readonly tags: Readonly<Record<string, string>>;
  /** Tags of the shared stacks (the state backend), merged over `tags`; must include {@link REQUIRED_TAGS}. */
  readonly sharedTags: Readonly<Record<string, string>>;
}

/** Checks project-wide settings. */
export function validateProjectConfig(cfg: ProjectConfig, path = 'project'): void {
  const v = new Validator(path);
  v.check(
    /^[a-z][a-z0-9-]{1,19}$/.test(cfg.project),
    'project',
    cfg.project,
    'must be 2-20 lowercase letters, digits or hyphens, starting with a letter',
    'use a name such as "mlmon"',
  );
  v.check(
    /^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/.test(cfg.bucketPrefix),
    'bucketPrefix',
    cfg.bucketPrefix,
    'must be 3-32 lowercase letters, digits or hyphens (bucket names add -<env>-<region>)',
    'use a globally unique prefix such as "acme-mlmon"',
  );
  for (const tag of REQUIRED_TAGS) {
    const value = cfg.sharedTags[tag];
    v.check(
      value !== undefined && value.trim() !== '',
      `sharedTags.${tag}`,
      value,
      'is a required tag and is missing',
      `add sharedTags: { ${tag}: "<value>" } to the project settings`,
    );
  }
  v.throwIfInvalid();
}

/**
 * Project-wide settings. `bucketPrefix` must make bucket names globally unique: change it (or set
 * `bucketPrefix` in cdktf.json context / `MLMON_BUCKET_PREFIX`) before the first deploy.
 */
export const PROJECT: ProjectConfig = {
  project: 'mlmon',
  bucketPrefix: 'mlmon',
  tags: {
    Project: 'mlmon',
    ManagedBy: 'cdktf',
    Repository: 'mlmon-infra',
  },
  sharedTags: { Owner: 'ml-platform', CostCenter: 'ml-research', Environment: 'shared' },
};
