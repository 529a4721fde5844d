'use strict';
/**
 * The S3- and DynamoDB-compatible servers behind `startEmulators()` (emulators.ts), run as a child
 * process so that a parent blocked in `spawnSync('terraform', ...)` can't stall them.
 *
 * - S3: s3rver, path-style, objects in a temporary directory removed on exit. With
 *   `--conditional-writes`, `PutObject` honours `If-None-Match: *` (HTTP 412 PreconditionFailed
 *   when the key exists), as Amazon S3 does and as Terraform's `use_lockfile` relies on; s3rver
 *   itself ignores the header on writes.
 * - DynamoDB: dynalite, in memory.
 *
 * Both listen on 127.0.0.1 on free ports. The process prints one JSON line
 * `{"s3Port":..,"dynamodbPort":..}` when both are ready, and exits on SIGTERM/SIGINT or when its
 * stdin closes (the parent exited), so it never outlives the run that started it.
 */
const http = require('node:http');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const S3rver = require('s3rver');
const dynalite = require('dynalite');

const HOST = '127.0.0.1';
const conditionalWrites = process.argv.includes('--conditional-writes');
const directory = mkdtempSync(join(tmpdir(), 'mlmon-s3rver-'));
const servers = [];
let exiting = false;

function shutdown(code) {
  if (exiting) return;
  exiting = true;
  for (const server of servers) {
    server.closeAllConnections?.();
    server.close();
  }
  rmSync(directory, { recursive: true, force: true });
  process.exit(code);
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve(server.address().port));
  });
}

/** `/bucket/key...` of a path-style request, or undefined for bucket- and service-level paths. */
function objectOf(url) {
  const path = decodeURIComponent(new URL(url, 'http://x').pathname);
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  return match ? { bucket: match[1], key: match[2] } : undefined;
}

/**
 * S3's conditional create: `PUT` with `If-None-Match: *` fails with 412 when the key exists.
 * Conditional puts of one key run one at a time, so check-and-write is atomic here as it is in S3.
 */
function withConditionalWrites(s3, handler) {
  const queues = new Map();
  return (req, res) => {
    const target =
      req.method === 'PUT' && req.headers['if-none-match'] === '*' ? objectOf(req.url) : undefined;
    if (!target) return handler(req, res);
    const id = `${target.bucket}/${target.key}`;
    const previous = queues.get(id) ?? Promise.resolve();
    const current = previous.then(async () => {
      if (await s3.store.existsObject(target.bucket, target.key)) {
        req.resume();
        res.writeHead(412, { 'Content-Type': 'application/xml' });
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>' +
            '<Message>At least one of the pre-conditions you specified did not hold</Message>' +
            '<Condition>If-None-Match</Condition></Error>',
        );
        return;
      }
      await new Promise((resolve) => {
        res.once('close', resolve);
        handler(req, res);
      });
    });
    queues.set(id, current);
    current.finally(() => {
      if (queues.get(id) === current) queues.delete(id);
    });
    return undefined;
  };
}

async function main() {
  const db = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  servers.push(db);
  const dynamodbPort = await listen(db);

  const s3 = new S3rver({ silent: true, directory, vhostBuckets: false, resetOnClose: true });
  const handler = s3.callback();
  const s3Server = http.createServer(conditionalWrites ? withConditionalWrites(s3, handler) : handler);
  servers.push(s3Server);
  const s3Port = await listen(s3Server);

  process.stdout.write(`${JSON.stringify({ s3Port, dynamodbPort, conditionalWrites })}\n`);
}

process.on('SIGTERM', () => shutdown(0));
process.on('SIGINT', () => shutdown(0));
process.stdin.on('end', () => shutdown(0));
process.stdin.on('close', () => shutdown(0));
process.stdin.resume();

const startup = setTimeout(() => {
  process.stderr.write('emulators did not start within 20 s\n');
  shutdown(1);
}, 20_000);
main().then(
  () => clearTimeout(startup),
  (err) => {
    process.stderr.write(`emulators failed to start: ${err && err.stack ? err.stack : err}\n`);
    shutdown(1);
  },
);
