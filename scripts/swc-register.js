/**
 * Transpile-only TypeScript loader for the synth path: `node -r ./scripts/swc-register.js main.ts`.
 * @swc/core strips types per file (milliseconds); type-checking is `npm run typecheck`'s job.
 */
const { transformSync } = require('@swc/core');
const fs = require('node:fs');

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(code, filename);
};
