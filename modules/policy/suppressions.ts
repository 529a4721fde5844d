import { IConstruct } from 'constructs';
import { closestRuleId, ScopedSuppression } from './engine';
import { ALL_RULES } from './rules';

/** One suppression: the rule it silences and why the rule does not apply here. */
export interface PolicySuppression {
  /** Rule id, e.g. `MLM-S3-005`. */
  readonly id: string;
  /** Why the rule does not apply (at least {@link MIN_REASON_LENGTH} characters). */
  readonly reason: string;
}

/** Shortest accepted reason: long enough to force a sentence, as cdk-nag requires. */
export const MIN_REASON_LENGTH = 10;

/** Construct metadata type under which suppressions are stored (visible in the construct tree). */
export const SUPPRESSION_METADATA_TYPE = 'cdktf-aws:policy-suppressions';

/** Prefix of the built-in rule ids; such ids are checked as soon as a suppression is added. */
const BUILT_IN_PREFIX = 'MLM-';

/**
 * Suppressions of policy rules, attached to constructs. A suppression applies to the construct it is
 * added to and to everything below it, needs a written reason, and is listed in the synth output of
 * its stack.
 *
 * ```ts
 * PolicySuppressions.add(stateBucket, [
 *   { id: 'MLM-S3-005', reason: 'Reads and writes of state are audited with CloudTrail S3 data events.' },
 * ]);
 * ```
 */
export class PolicySuppressions {
  /**
   * Suppresses rules on `scope` and its children. Throws, naming every problem, when an entry has no
   * id, a reason shorter than {@link MIN_REASON_LENGTH} characters, or an `MLM-` id that is not a
   * built-in rule. Ids of other (custom) rules are checked when the stack is synthesized.
   */
  public static add(scope: IConstruct, suppressions: readonly PolicySuppression[]): void {
    const problems: string[] = [];
    if (suppressions.length === 0) problems.push('no suppressions given');
    suppressions.forEach((s, i) => {
      const id = typeof s.id === 'string' ? s.id.trim() : '';
      const reason = typeof s.reason === 'string' ? s.reason.trim() : '';
      const label = id ? `suppression of ${id}` : `suppression #${i + 1}`;
      if (!id) problems.push(`${label} has no rule id; name the rule, e.g. { id: 'MLM-S3-005', ... }`);
      if (reason.length < MIN_REASON_LENGTH) {
        problems.push(
          `${label} needs a reason of at least ${MIN_REASON_LENGTH} characters saying why the rule ` +
            `does not apply here (received ${JSON.stringify(s.reason ?? '')})`,
        );
      }
      if (id.startsWith(BUILT_IN_PREFIX) && !ALL_RULES.some((r) => r.id === id)) {
        const hint = closestRuleId(
          id,
          ALL_RULES.map((r) => r.id),
        );
        problems.push(
          `${label}: no built-in rule has this id${hint ? ` (did you mean ${hint}?)` : ''}; see RULES.md`,
        );
      }
    });
    if (problems.length > 0) {
      throw new Error(
        `PolicySuppressions.add(${scope.node.path || '<root>'}): ${problems.length} problem(s):\n` +
          problems.map((p) => `  - ${p}`).join('\n'),
      );
    }
    scope.node.addMetadata(
      SUPPRESSION_METADATA_TYPE,
      suppressions.map((s) => ({ id: s.id.trim(), reason: s.reason.trim() })),
      { stackTrace: false },
    );
  }

  /** The suppressions added directly to `scope` (not those inherited from its parents). */
  public static of(scope: IConstruct): PolicySuppression[] {
    return scope.node.metadata
      .filter((m) => m.type === SUPPRESSION_METADATA_TYPE)
      .flatMap((m) => m.data as PolicySuppression[]);
  }

  /** Every suppression in the tree under `root` (including `root`), with the path it was added at. */
  public static collect(root: IConstruct): ScopedSuppression[] {
    return root.node
      .findAll()
      .flatMap((c) =>
        PolicySuppressions.of(c).map((s) => ({ path: c.node.path, id: s.id, reason: s.reason })),
      );
  }
}
