/**
 * The app as the plan tooling synthesizes it: main.ts's `buildApp()`, synthesized into
 * `CDKTF_OUTDIR` with the context in `CDKTF_CONTEXT_JSON` (exactly what `cdktf synth` gives the
 * app), plus one `policy-report.json` per stack directory (review/policy-report.ts), so the plan
 * summary can show the policy pack's warnings and suppressions.
 *
 *   CDKTF_OUTDIR=cdktf.out node -r ./scripts/transpile.js review/synth.ts
 *
 * `npm run plan` runs it (see {@link SYNTH_APP} in plan-run.ts); `cdktf synth` still runs main.ts.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../main';
import { writePolicyReports } from './policy-report';

try {
  const app = buildApp();
  app.synth();
  writePolicyReports(app);
} catch (err) {
  // As main.ts: one readable message, a non-zero exit, and no output that looks like this synth's.
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  rmSync(join(outdir, 'manifest.json'), { force: true });
  rmSync(join(outdir, 'stacks'), { recursive: true, force: true });
  console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
