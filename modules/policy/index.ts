/**
 * Policy pack ("guardrails"): security and operations rules run on every synthesized stack, in the
 * manner of cdk-nag, with rules drawn from checkov and tfsec/trivy: `applyPolicyPack(stack)`,
 * suppressions with a written reason, `ALL_RULES` and each rule by name, and the engine to write
 * and test your own rules. Import from `@ml-platform/cdktf-aws/policy`.
 * @packageDocumentation
 */
export type * from './types';
export { applyPolicyPack, PolicyPackAspect } from './policy-pack';
export type { PolicyPackOptions } from './policy-pack';
export { PolicySuppressions, MIN_REASON_LENGTH } from './suppressions';
export type { PolicySuppression } from './suppressions';
export { runPolicyPack, evaluateRules } from './engine';
export type { PolicyReport, PolicyViolation, ScopedSuppression, PolicyRunOptions } from './engine';
export { createStackView } from './stack-view';
export { renderRulesMarkdown } from './rules-markdown';
export * from './rules';
