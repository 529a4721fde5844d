/**
 * Plan summaries: `terraform show -json` plans in, Markdown for pull requests out. The work is
 * split in three steps, one module each:
 *
 * | step      | module              | does                                                                        |
 * | --------- | ------------------- | --------------------------------------------------------------------------- |
 * | parse     | `plan-parse.ts`     | reads the plan and the synthesized stack: construct paths, sensitive values |
 * | summarize | `plan-summarize.ts` | one stack's plan as data: changes, destructive changes, drift, status       |
 * | render    | `plan-render.ts`    | Markdown: a section per stack, one comment for all stacks                   |
 *
 * This module is their public face: import from here.
 *
 * Sensitive values never reach the Markdown: every value goes through `flattenValue`
 * (plan-diff.ts), which masks what `before_sensitive`/`after_sensitive` mark, and values marked
 * sensitive anywhere in the plan are masked wherever they appear unmarked.
 */
export { ACTION_REASONS, constructPathsFromSynth, planSecrets, reasonText } from './plan-parse';
export { STATEFUL_RESOURCE_TYPES, summarizePlan, terraformPlanLine } from './plan-summarize';
export type {
  ChangeCounts,
  DestructiveChange,
  OutputEntry,
  PlanMode,
  PlanStatus,
  ResourceEntry,
  StackPlanInput,
  StackPlanSummary,
  StateBackendRef,
} from './plan-summarize';
export {
  DEFAULT_MAX_COMMENT_CHARS,
  PLAN_COMMENT_MARKER,
  renderCombinedComment,
  renderStackComment,
  renderStackSection,
  stackMarker,
} from './plan-render';
export type { CombinedRenderOptions, RenderOptions } from './plan-render';
export { code } from './plan-markdown';
