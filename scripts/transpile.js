/**
 * Transpile-only TypeScript for the synth path and for Jest.
 *
 * TypeScript's own `transpileModule` strips types file by file, with no type-checking and no
 * native dependency; `npm run typecheck` (tsc --noEmit) checks types once, as its own step.
 *
 *   node -r ./scripts/transpile.js main.ts      (the cdktf.json app command)
 *   jest.config.js: transform { '^.+\\.ts$': '<rootDir>/scripts/transpile.js' }
 *
 * The synth path keeps each file's output in `.cache/transpile/<hash>.js`, keyed by the source,
 * the file name, the compiler options and the TypeScript version. A synth whose sources are all
 * cached never loads the TypeScript compiler (9 MB of JavaScript, about 1 s of CPU); a changed file
 * costs one transpile. Jest keeps its own transform cache (getCacheKey below).
 */
const fs = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');

const COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'CommonJS',
  esModuleInterop: true,
  experimentalDecorators: true,
  inlineSourceMap: true,
  inlineSources: true,
};

const TS_VERSION = require('typescript/package.json').version;
const CACHE_DIR = path.join(__dirname, '..', '.cache', 'transpile');
const SALT = `${TS_VERSION}\0${JSON.stringify(COMPILER_OPTIONS)}\0`;

let ts;
function transpile(source, fileName) {
  ts ??= require('typescript');
  const compilerOptions = {
    ...COMPILER_OPTIONS,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
  };
  return ts.transpileModule(source, { fileName, compilerOptions }).outputText;
}

function cacheKey(source, fileName) {
  return createHash('sha1').update(SALT).update(fileName).update('\0').update(source).digest('hex');
}

/** The transpiled file from the disk cache, transpiling (and storing) on a miss. */
function transpileCached(source, fileName) {
  const file = path.join(CACHE_DIR, `${cacheKey(source, fileName)}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    // not cached yet
  }
  const output = transpile(source, fileName);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // Written under a unique name, then renamed: a concurrent synth never reads half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, output);
    fs.renameSync(tmp, file);
  } catch {
    // A read-only checkout still synthesizes, only without the cache.
  }
  return output;
}

// `node -r ./scripts/transpile.js file.ts`
if (!require.extensions['.ts']) {
  require.extensions['.ts'] = function compileTs(module, filename) {
    module._compile(transpileCached(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
}

// Jest transformer
module.exports = {
  process(source, fileName) {
    return { code: transpile(source, fileName) };
  },
  getCacheKey(source, fileName) {
    return cacheKey(source, fileName);
  },
};
