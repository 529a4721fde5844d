const { rmSync } = require('node:fs');

module.exports = async function globalTeardown() {
  const dir = process.env.MLMON_TEST_TMPDIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (process.env.MLMON_TEST_ORIGINAL_TMPDIR) process.env.TMPDIR = process.env.MLMON_TEST_ORIGINAL_TMPDIR;
  else delete process.env.TMPDIR;
};
