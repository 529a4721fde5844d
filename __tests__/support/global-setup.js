// Every temporary file of a test run (cdktf's Testing.app() outdirs, Terraform working copies,
// emulator data) goes to one directory per run, which global-teardown.js removes: a run leaves
// the system temp folder as it found it. Workers inherit TMPDIR, and os.tmpdir() reads it.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-test-'));
  process.env.MLMON_TEST_TMPDIR = dir;
  process.env.MLMON_TEST_ORIGINAL_TMPDIR = process.env.TMPDIR ?? '';
  process.env.TMPDIR = dir;
};
