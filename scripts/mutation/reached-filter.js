/**
 * The Jest test filter of `npm run mutation` (scripts/mutation.ts): in a mutant run, keeps only
 * the test files in which Stryker's dry run reached the active mutant, as recorded by
 * reached-env.js. See that file for why this leaves every result unchanged.
 *
 * Every test file is kept when no mutant is active (the dry run itself), when the record is
 * missing, or when it names none of the files Jest found for the mutant: a file is left out only on
 * evidence, and a mutant never runs against no test at all.
 */
'use strict';
const { existsSync, readFileSync } = require('node:fs');

/** mutant id -> test files that reached it, read once the dry run has written it. */
let byMutant;

function load(file) {
  const map = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const { file: testFile, reached } = JSON.parse(line);
    for (const id of reached) {
      if (!map.has(id)) map.set(id, new Set());
      map.get(id).add(testFile);
    }
  }
  return map;
}

module.exports = async function reachedFilter(testPaths) {
  const all = { filtered: testPaths.map((test) => ({ test })) };
  const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
  const record = process.env.MLMON_MUTATION_REACHED;
  if (mutant === undefined || record === undefined) return all;
  if (byMutant === undefined) {
    if (!existsSync(record)) return all;
    byMutant = load(record);
  }
  const files = byMutant.get(mutant);
  const kept = files === undefined ? [] : testPaths.filter((p) => files.has(p));
  return kept.length === 0 ? all : { filtered: kept.map((test) => ({ test })) };
};
