import { Construct } from 'constructs';
import { EcrRegistryScanningConfiguration } from '@cdktf/provider-aws/lib/ecr-registry-scanning-configuration';
import { Validator } from '../core/validation';

/**
 * Registry scan type.
 *
 * | value      | scanner                         | finds                                  | cost                                   |
 * |------------|---------------------------------|----------------------------------------|----------------------------------------|
 * | `BASIC`    | ECR (AWS native)                | OS package CVEs                        | free                                   |
 * | `ENHANCED` | Amazon Inspector                | OS and language packages, continuously | $0.09 per image on push, $0.01 per rescan |
 */
export type ScanType = 'BASIC' | 'ENHANCED';

/**
 * When matching repositories are scanned. `BASIC` takes `SCAN_ON_PUSH` or `MANUAL`; `ENHANCED`
 * takes `SCAN_ON_PUSH` or `CONTINUOUS_SCAN` (rescans when new CVEs are published).
 */
export type ScanFrequency = 'SCAN_ON_PUSH' | 'CONTINUOUS_SCAN' | 'MANUAL';

/** One scanning rule: a frequency for the repositories matching the filters. */
export interface RegistryScanningRule {
  /** Repository name filters with `*` wildcards, e.g. `['team/*']` or `['*']`. */
  readonly repositoryFilters: string[];
  /** How often matching repositories are scanned. */
  readonly scanFrequency: ScanFrequency;
}

/** Props of {@link RegistryScanning}. */
export interface RegistryScanningProps {
  /** Scan type of the whole registry; see {@link ScanType}. @default 'ENHANCED' */
  readonly scanType?: ScanType;
  /**
   * Rules, at most one per frequency. Repositories no rule matches are not scanned.
   * @default - every repository scanned on push: [{ repositoryFilters: ['*'], scanFrequency: 'SCAN_ON_PUSH' }]
   */
  readonly rules?: RegistryScanningRule[];
}

const FREQUENCIES: Record<ScanType, readonly ScanFrequency[]> = {
  BASIC: ['SCAN_ON_PUSH', 'MANUAL'],
  ENHANCED: ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'],
};
const FILTER_RE = /^[a-z0-9*][a-z0-9._/*-]{0,255}$/;

/**
 * The scanning configuration of the account's private registry in the stack's region. There is
 * one per registry and region: creating this replaces whatever is configured (console or another
 * stack), and destroying it resets the registry to basic scanning. Keep it in one account-level
 * stack. With `ENHANCED`, Amazon Inspector is enabled for ECR in the account, and the repositories'
 * own `scanOnPush` flags are ignored.
 */
export class RegistryScanning extends Construct {
  /** The registry scanning configuration resource. */
  public readonly configuration: EcrRegistryScanningConfiguration;
  /** Scan type in effect. */
  public readonly scanType: ScanType;

  constructor(scope: Construct, id: string, props: RegistryScanningProps = {}) {
    super(scope, id);
    const scanType = props.scanType ?? 'ENHANCED';
    const rules = props.rules ?? [{ repositoryFilters: ['*'], scanFrequency: 'SCAN_ON_PUSH' }];
    validate(this, scanType, rules, props.rules !== undefined);
    this.scanType = scanType;
    this.configuration = new EcrRegistryScanningConfiguration(this, 'configuration', {
      scanType,
      rule: rules.map((r) => ({
        scanFrequency: r.scanFrequency,
        repositoryFilter: r.repositoryFilters.map((filter) => ({ filter, filterType: 'WILDCARD' })),
      })),
    });
  }
}

function validate(scope: Construct, scanType: ScanType, rules: RegistryScanningRule[], given: boolean): void {
  const v = new Validator(scope);
  v.check(
    scanType === 'BASIC' || scanType === 'ENHANCED',
    'scanType',
    scanType,
    'is not "BASIC" or "ENHANCED"',
    'use "ENHANCED" (default) or "BASIC"',
  );
  v.check(
    !given || rules.length > 0,
    'rules',
    rules,
    'is empty: no repository would be scanned',
    'list at least one rule, or leave rules unset to scan every repository on push',
  );
  const allowed = FREQUENCIES[scanType] ?? [];
  rules.forEach((r, i) => {
    v.check(
      allowed.includes(r.scanFrequency),
      `rules[${i}].scanFrequency`,
      r.scanFrequency,
      `is not available with scan type ${scanType} (it takes ${allowed.join(' or ')})`,
      `use ${allowed.map((f) => `"${f}"`).join(' or ')}`,
    );
    v.check(
      r.repositoryFilters.length > 0,
      `rules[${i}].repositoryFilters`,
      r.repositoryFilters,
      'is empty',
      'list at least one filter, e.g. ["*"]',
    );
    r.repositoryFilters.forEach((f, j) =>
      v.checkOptional(
        f,
        (x) => FILTER_RE.test(x),
        `rules[${i}].repositoryFilters[${j}]`,
        "is not a repository filter (lowercase letters, digits, '.', '_', '-', '/' and '*' wildcards)",
        'use a filter such as "team/*" or "*"',
      ),
    );
  });
  const frequencies = rules.map((r) => r.scanFrequency);
  const repeated = frequencies.filter((f, i) => frequencies.indexOf(f) !== i);
  v.check(
    repeated.length === 0,
    'rules',
    repeated,
    'has more than one rule with the same scanFrequency',
    'merge the filters of those rules into one rule',
  );
  v.throwIfInvalid();
}
