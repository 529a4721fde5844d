/**
 * Transpile-only TypeScript for the synth path and for Jest.
 *
 * TypeScript's own `transpileModule` strips types file by file, with no type-checking and no
 * native dependency; `npm run typecheck` (tsc --noEmit) checks types once, as its own step.
 *
 *   node -r ./scripts/transpile.js main.ts      (the cdktf.json app command)
 *   jest.config.js: transform { '^.+\\.ts$': '<rootDir>/scripts/transpile.js' }
 */
const ts = require('typescript');
const fs = require('node:fs');
const { createHash } = require('node:crypto');

const COMPILER_OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
  experimentalDecorators: true,
  inlineSourceMap: true,
  inlineSources: true,
};

function transpile(source, fileName) {
  return ts.transpileModule(source, { fileName, compilerOptions: COMPILER_OPTIONS }).outputText;
}

// `node -r ./scripts/transpile.js file.ts`
if (!require.extensions['.ts']) {
  require.extensions['.ts'] = function compileTs(module, filename) {
    module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
}

// Jest transformer
module.exports = {
  process(source, fileName) {
    return { code: transpile(source, fileName) };
  },
  getCacheKey(source, fileName) {
    return createHash('sha1')
      .update(ts.version)
      .update('\0')
      .update(fileName)
      .update('\0')
      .update(source)
      .digest('hex');
  },
};
