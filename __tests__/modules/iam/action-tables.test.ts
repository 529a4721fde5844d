import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * One table of IAM actions per service: `modules/iam/actions/<service>.ts` exports
 * `<SERVICE>_ACTIONS` and nothing else, every action in it belongs to that service, and no other
 * file of a module defines an action table of its own (the old cross-service `IAM_ACTIONS` and
 * the S3 module's `BUCKET_ACCESS_ACTIONS` disagreed on deletes and tags).
 */
const ROOT = join(__dirname, '..', '..', '..');
const ACTIONS_DIR = join(ROOT, 'modules', 'iam', 'actions');
/** `service:Action`, or `service:Prefix*` (e.g. `kms:GenerateDataKey*`); never `service:*`. */
const ACTION_RE = /^[a-z0-9-]+:[A-Za-z][A-Za-z0-9]*\*?$/;
/** Entries for Deny statements, which may name every action of a service (`sqs:*`). */
const DENY_ENTRIES = ['all'];
/** Files whose table is not named after the file, and services whose IAM prefix is not the file name. */
const TABLE_NAME: Record<string, string> = { iam: 'IAM_ROLE_ACTIONS' };
const PREFIX: Record<string, string> = { opensearch: 'es', rds: 'rds-db' };

const services = readdirSync(ACTIONS_DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

describe('IAM action tables', () => {
  it('cover the services the modules grant on', () => {
    expect(services).toEqual(
      expect.arrayContaining(['cloudwatch', 'ec2', 'ecr', 'kms', 'logs', 's3', 'sns', 'ssm']),
    );
  });

  it.each(services)('%s.ts exports one table, of that service only, without service wildcards', (service) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(ACTIONS_DIR, service)) as Record<string, Record<string, readonly string[]>>;
    const name = TABLE_NAME[service] ?? `${service.toUpperCase().replace(/-/g, '_')}_ACTIONS`;
    expect(Object.keys(mod)).toEqual([name]);
    const prefix = PREFIX[service] ?? service;
    const entries = Object.entries(mod[name]);
    expect(entries.length).toBeGreaterThan(0);
    for (const [purpose, actions] of entries) {
      expect([purpose, actions.length > 0]).toEqual([purpose, true]);
      const wrong = actions.filter(
        (a) =>
          (!ACTION_RE.test(a) && !(DENY_ENTRIES.includes(purpose) && a === `${prefix}:*`)) ||
          a.split(':')[0] !== prefix,
      );
      expect([purpose, wrong]).toEqual([purpose, []]);
      expect([purpose, actions.filter((a, i) => actions.indexOf(a) !== i)]).toEqual([purpose, []]);
    }
  });

  it('are all exported from modules/iam/actions/index.ts', () => {
    const index = readFileSync(join(ACTIONS_DIR, 'index.ts'), 'utf8');
    for (const s of services) expect(index).toContain(`export * from './${s}';`);
  });

  it('live only there: no module defines an action table of its own', () => {
    const offenders = walk(join(ROOT, 'modules'))
      .filter((f) => !f.startsWith(ACTIONS_DIR) && !f.includes(`${join('modules', 'policy')}`))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .filter((line) => /\bexport const [A-Z0-9_]+_ACTIONS\b/.test(line))
          .map((line) => `${relative(ROOT, f)}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
