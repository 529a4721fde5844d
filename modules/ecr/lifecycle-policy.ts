/**
 * ECR lifecycle policies rendered from typed settings, so the JSON a repository gets is unit-tested
 * on its own (https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html).
 */

/** Settings of {@link renderLifecyclePolicy}. */
export interface LifecyclePolicySettings {
  /** Tagged images kept per group (the most recently pushed); older ones expire. */
  readonly maxTaggedImages: number;
  /**
   * Tag prefixes: one rule per prefix, each keeping `maxTaggedImages` images whose tag starts with
   * it. Empty: one rule over every tagged image.
   */
  readonly tagPrefixes: readonly string[];
  /** Days after push before an untagged image expires. */
  readonly untaggedImageExpirationInDays: number;
}

/** One rule of an ECR lifecycle policy, as ECR reads it. */
export interface LifecyclePolicyRule {
  readonly rulePriority: number;
  readonly description: string;
  readonly selection: {
    readonly tagStatus: 'tagged' | 'untagged' | 'any';
    readonly tagPrefixList?: readonly string[];
    readonly tagPatternList?: readonly string[];
    readonly countType: 'imageCountMoreThan' | 'sinceImagePushed';
    readonly countUnit?: 'days';
    readonly countNumber: number;
  };
  readonly action: { readonly type: 'expire' };
}

/**
 * The rules, lowest priority number first (ECR evaluates them in that order; an image matched by
 * one rule is not considered by later ones):
 *
 * | priority | selection                                  | expires                                  |
 * |----------|--------------------------------------------|------------------------------------------|
 * | 1        | untagged images                            | `untaggedImageExpirationInDays` after push |
 * | 2..n     | tagged images, per prefix (or every tag)   | all but the newest `maxTaggedImages`      |
 */
export function lifecyclePolicyRules(settings: LifecyclePolicySettings): LifecyclePolicyRule[] {
  const untagged: LifecyclePolicyRule = {
    rulePriority: 1,
    description: `Expire untagged images ${settings.untaggedImageExpirationInDays} days after push`,
    selection: {
      tagStatus: 'untagged',
      countType: 'sinceImagePushed',
      countUnit: 'days',
      countNumber: settings.untaggedImageExpirationInDays,
    },
    action: { type: 'expire' },
  };
  const keep = (n: number) => `Keep the ${n} most recent images`;
  const tagged: LifecyclePolicyRule[] =
    settings.tagPrefixes.length === 0
      ? [
          {
            rulePriority: 2,
            description: `${keep(settings.maxTaggedImages)} of any tag`,
            selection: {
              tagStatus: 'tagged',
              tagPatternList: ['*'],
              countType: 'imageCountMoreThan',
              countNumber: settings.maxTaggedImages,
            },
            action: { type: 'expire' },
          },
        ]
      : settings.tagPrefixes.map((prefix, i) => ({
          rulePriority: i + 2,
          description: `${keep(settings.maxTaggedImages)} tagged "${prefix}*"`,
          selection: {
            tagStatus: 'tagged',
            tagPrefixList: [prefix],
            countType: 'imageCountMoreThan',
            countNumber: settings.maxTaggedImages,
          },
          action: { type: 'expire' },
        }));
  return [untagged, ...tagged];
}

/** The lifecycle policy document (JSON) of {@link lifecyclePolicyRules}. */
export function renderLifecyclePolicy(settings: LifecyclePolicySettings): string {
  return JSON.stringify({ rules: lifecyclePolicyRules(settings) });
}
