/**
 * The order of a deploy on merge, built from the synthesized stacks and the systems' environments,
 * never from a hand-written list:
 *
 * - every stack `<system>-<environment>` of `stacks/systems.ts` is deployed by CI, in its system's
 *   environment order (`environments()` lists them in deploy order: dev, then staging, then prod);
 *   stage N of a system starts only after stage N-1 of the same system succeeded or had nothing to
 *   do; systems do not wait for each other;
 * - every other stack of the app (`mlmon-bootstrap`, later `mlmon-account`) is an *admin stack*: it
 *   holds what CI itself stands on (the state backend, the CI roles, account guardrails), so an
 *   administrator applies it (docs/plan-and-review.md). CI plans it and says when it has changes.
 *
 * After every stack was planned, {@link deploySchedule} decides per stage: apply (the plan has
 * changes: the stack gets the environment-bound job, which waits for approval where the environment
 * requires it), skip (no changes: no job, no approval), failed (the plan failed) or blocked (an
 * earlier stage of the system failed to plan).
 */
import { code } from './plan-markdown';
import { PlanStatus } from './plan-summarize';

/**
 * Stage jobs in `.github/workflows/deploy-system.yml` (stage-1 ... stage-N). A system with more
 * environments than this cannot be deployed until a stage job is added there (a test checks both).
 */
export const MAX_DEPLOY_STAGES = 4;

/** What the classification needs of a system (stacks/shared/system.ts `SystemDefinition`). */
export interface SystemLike {
  readonly name: string;
  environments(): ReadonlyArray<{ readonly name: string }>;
}

/** A stack CI deploys. */
export interface DeployTarget {
  readonly stack: string;
  readonly system: string;
  /** Environment name, also the GitHub environment of its apply job (protection rules apply). */
  readonly environment: string;
  /** 1-based position in the system's environment order. */
  readonly stage: number;
}

/** The app's stacks, split into what CI deploys and what an administrator applies. */
export interface StackClasses {
  /** By system, then stage. */
  readonly deploy: readonly DeployTarget[];
  /** Stacks that are no system's environment (bootstrap, account): applied by an administrator. */
  readonly admin: readonly string[];
}

/** Splits the stacks of the app (manifest order) into deploy targets and admin stacks. */
export function classifyStacks(stacks: readonly string[], systems: readonly SystemLike[]): StackClasses {
  const targets = new Map<string, DeployTarget>();
  for (const system of systems) {
    const environments = system.environments();
    if (environments.length > MAX_DEPLOY_STAGES) {
      throw new Error(
        `System ${system.name} has ${environments.length} environments, but the deploy workflow has ` +
          `${MAX_DEPLOY_STAGES} stages: add stage jobs to .github/workflows/deploy-system.yml and raise ` +
          'MAX_DEPLOY_STAGES in review/deploy-order.ts.',
      );
    }
    environments.forEach((e, i) => {
      const stack = `${system.name}-${e.name}`;
      targets.set(stack, { stack, system: system.name, environment: e.name, stage: i + 1 });
    });
  }
  const deploy = stacks.flatMap((s) => (targets.has(s) ? [targets.get(s) as DeployTarget] : []));
  const systemOrder = systems.map((s) => s.name);
  deploy.sort((a, b) => systemOrder.indexOf(a.system) - systemOrder.indexOf(b.system) || a.stage - b.stage);
  return { deploy, admin: stacks.filter((s) => !targets.has(s)) };
}

/** What happens to one stack in a deploy. */
export type StageAction = 'apply' | 'skip' | 'failed' | 'blocked';

/** One stage of a system's deploy. */
export interface ScheduledStage extends DeployTarget {
  readonly action: StageAction;
  /** Why, in words. */
  readonly reason: string;
}

/** One system's stages, in order. */
export interface SystemSchedule {
  readonly system: string;
  readonly stages: readonly ScheduledStage[];
}

/** An admin stack's plan, for the summary. */
export interface AdminStackStatus {
  readonly stack: string;
  readonly status: PlanStatus | 'not planned';
}

/** The whole deploy. */
export interface DeploySchedule {
  readonly systems: readonly SystemSchedule[];
  readonly admin: readonly AdminStackStatus[];
}

/** The plan result of a stack, as far as the schedule needs it. */
export interface PlanOutcome {
  readonly status: PlanStatus;
  /** Resources changed outside Terraform. */
  readonly drift: number;
  readonly terraformLine: string;
}

/** True when applying the plan changes something (resources or outputs). */
export function planHasChanges(status: PlanStatus): boolean {
  return status === 'changes' || status === 'destructive';
}

/** Decides every stage from the plans (`results` by stack; a missing entry means no plan result). */
export function deploySchedule(
  classes: StackClasses,
  results: ReadonlyMap<string, PlanOutcome>,
): DeploySchedule {
  const systems: SystemSchedule[] = [];
  for (const system of [...new Set(classes.deploy.map((t) => t.system))]) {
    const stages: ScheduledStage[] = [];
    let blockedBy: string | undefined;
    for (const target of classes.deploy.filter((t) => t.system === system)) {
      const r = results.get(target.stack);
      let action: StageAction;
      let reason: string;
      if (blockedBy) {
        action = 'blocked';
        reason = `${blockedBy} could not be planned; fix it and re-run the workflow`;
      } else if (!r) {
        action = 'failed';
        reason = 'no plan result (the plan job failed before planning: see its log)';
      } else if (r.status === 'failed') {
        action = 'failed';
        reason = 'the plan failed (see the plan job)';
      } else if (planHasChanges(r.status)) {
        action = 'apply';
        reason = r.terraformLine;
      } else {
        action = 'skip';
        reason =
          r.drift > 0
            ? `no changes to apply; ${r.drift} resource(s) changed outside Terraform (see the plan)`
            : 'no changes';
      }
      if (action === 'failed') blockedBy = target.stack;
      stages.push({ ...target, action, reason });
    }
    systems.push({ system, stages });
  }
  const admin = classes.admin.map((stack): AdminStackStatus => ({
    stack,
    status: results.get(stack)?.status ?? 'not planned',
  }));
  return { systems, admin };
}

/**
 * The matrix of the deploy job: one entry per system with something to apply, each carrying its
 * stages (deploy-system.yml reads `stages[i].action`, `.stack` and `.environment`).
 */
export function deployMatrix(schedule: DeploySchedule): {
  include: Array<{ system: string; stages: ScheduledStage[] }>;
} {
  return {
    include: schedule.systems
      .filter((s) => s.stages.some((st) => st.action === 'apply'))
      .map((s) => ({ system: s.system, stages: [...s.stages] })),
  };
}

const ACTION_WORDS: Readonly<Record<StageAction, string>> = {
  apply: '🚀 apply (after approval where the environment requires it)',
  skip: '⏭️ skipped',
  failed: '❌ plan failed',
  blocked: '⛔ blocked',
};

/** The job summary of the schedule job: what each stack will do, and what an administrator must do. */
export function renderSchedule(schedule: DeploySchedule): string {
  const lines = ['## Deploy schedule', ''];
  if (schedule.systems.length === 0) lines.push('No system stack was planned.', '');
  for (const s of schedule.systems) {
    lines.push(
      `### ${code(s.system)}`,
      '',
      '| Stage | Stack | Environment | Action | Why |',
      '|---:|---|---|---|---|',
    );
    for (const st of s.stages) {
      lines.push(
        `| ${st.stage} | ${code(st.stack)} | ${code(st.environment)} | ${ACTION_WORDS[st.action]} | ${st.reason} |`,
      );
    }
    lines.push('');
  }
  if (schedule.admin.length > 0) {
    lines.push(
      '### Admin stacks',
      '',
      'Applied by an administrator, never by CI (docs/plan-and-review.md, "Admin stacks").',
      '',
      '| Stack | Plan |',
      '|---|---|',
    );
    for (const a of schedule.admin) {
      const note =
        a.status === 'not planned'
          ? 'not planned in CI (local state, or no plan result)'
          : planHasChanges(a.status)
            ? `**has changes**: an administrator applies them (\`npx cdktf deploy ${a.stack}\`)`
            : a.status === 'failed'
              ? 'plan failed'
              : 'no changes';
      lines.push(`| ${code(a.stack)} | ${note} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
