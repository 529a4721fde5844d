/**
 * A Stryker reporter of `npm run mutation` (scripts/mutation.ts): appends one JSON line per tested
 * mutant to the file named by MLMON_MUTATION_PROGRESS_LOG as soon as Stryker reports it:
 *
 *   {"status":"Survived","file":"modules/x/y.ts","line":12,"column":5,"mutator":"StringLiteral","replacement":"\"\"","id":"42"}
 *
 * Stryker writes its JSON report and the incremental file only when a run completes, so a run
 * stopped early (a job's time limit, a cancelled workflow, a machine needed for something else)
 * leaves nothing; with this file it leaves every result so far, and the survivors to work on are
 * `grep '"Survived"' reports/mutation/<module>.progress.jsonl`. Lines and columns are 1-based, as
 * in Stryker's JSON report. Without the variable the reporter writes nothing.
 */
'use strict';
const { appendFileSync } = require('node:fs');
const { isAbsolute, relative } = require('node:path');

/** The line written for one mutant result. */
function progressLine(result, cwd = process.cwd()) {
  const file = isAbsolute(result.fileName) ? relative(cwd, result.fileName) : result.fileName;
  return JSON.stringify({
    status: result.status,
    file: file.split('\\').join('/'),
    line: result.location.start.line,
    column: result.location.start.column,
    mutator: result.mutatorName,
    replacement: result.replacement,
    id: result.id,
  });
}

class ProgressLog {
  constructor(file = process.env.MLMON_MUTATION_PROGRESS_LOG, cwd = process.cwd()) {
    this.file = file === undefined || file === '' ? undefined : file;
    this.cwd = cwd;
  }

  onMutantTested(result) {
    if (this.file !== undefined) appendFileSync(this.file, `${progressLine(result, this.cwd)}\n`);
  }
}
// Stryker builds reporters with typed-inject: no constructor arguments are injected.
ProgressLog.inject = [];

// Plain `exports.x =` assignments: Stryker loads plugins with import(), and Node detects the named
// exports of a CommonJS file only in this form.
exports.ProgressLog = ProgressLog;
exports.progressLine = progressLine;
exports.strykerPlugins = [{ kind: 'Reporter', name: 'mlmon-progress-log', injectableClass: ProgressLog }];
