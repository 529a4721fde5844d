/**
 * Local S3- and DynamoDB-compatible servers for tests that run real Terraform against the state
 * backend: s3rver (S3) and dynalite (DynamoDB), both from npm, both on free ports of 127.0.0.1.
 *
 * ```ts
 * const emulators = await startEmulators();
 * try {
 *   // point MLMON_STATE_S3_ENDPOINT / MLMON_STATE_DYNAMODB_ENDPOINT at them
 * } finally {
 *   await emulators.stop();
 * }
 * ```
 *
 * They run in a child process (`emulators-server.cjs`), so a caller blocked in `spawnSync` can't
 * stall them. Startup is bounded; `stop()` is idempotent and waits for the process to exit; the
 * process also exits when its parent does (its stdin closes), and a parent exit handler kills it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** Credentials the S3 emulator accepts (s3rver knows one key pair); DynamoDB accepts any. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Options of {@link startEmulators}. */
export interface EmulatorOptions {
  /**
   * Honour `If-None-Match: *` on S3 `PutObject` (412 when the key exists), as Amazon S3 does.
   * s3rver ignores the header on writes; with this on, a thin layer in front of it enforces it, so
   * Terraform's `use_lockfile` lock can be contended.
   * @default true
   */
  readonly conditionalWrites?: boolean;
  /**
   * Milliseconds to wait for both servers to listen before failing.
   * @default 20000
   */
  readonly startupTimeoutMs?: number;
}

/** Running emulators. */
export interface Emulators {
  /** S3 endpoint URL, e.g. `http://127.0.0.1:40123` (path-style addressing). */
  readonly s3Endpoint: string;
  /** DynamoDB endpoint URL. */
  readonly dynamodbEndpoint: string;
  /** Whether the S3 endpoint enforces `If-None-Match: *` on writes. */
  readonly conditionalWrites: boolean;
  /** Stops both servers and deletes their data; safe to call more than once. */
  stop(): Promise<void>;
}

const SERVER_SCRIPT = join(__dirname, 'emulators-server.cjs');
const HOST = '127.0.0.1';

/** Starts s3rver and dynalite on free 127.0.0.1 ports; see {@link EmulatorOptions}. */
export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  const conditionalWrites = options.conditionalWrites ?? true;
  const timeoutMs = options.startupTimeoutMs ?? 20_000;
  const child = spawn(
    process.execPath,
    [SERVER_SCRIPT, ...(conditionalWrites ? ['--conditional-writes'] : [])],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= stopChild(child).finally(() => process.removeListener('exit', killOnExit));
    return stopped;
  };

  try {
    const ports = await readReadyLine(child, timeoutMs);
    return {
      s3Endpoint: `http://${HOST}:${ports.s3Port}`,
      dynamodbEndpoint: `http://${HOST}:${ports.dynamodbPort}`,
      conditionalWrites: ports.conditionalWrites,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface ReadyLine {
  readonly s3Port: number;
  readonly dynamodbPort: number;
  readonly conditionalWrites: boolean;
}

function readReadyLine(child: ChildProcess, timeoutMs: number): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string): void => {
      cleanup();
      reject(new Error(`S3/DynamoDB emulators: ${why}${stderr ? `\n${stderr}` : ''}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    const onStdout = (chunk: Buffer): void => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      cleanup();
      try {
        resolve(JSON.parse(stdout.slice(0, newline)) as ReadyLine);
      } catch {
        reject(new Error(`S3/DynamoDB emulators: unexpected output ${JSON.stringify(stdout)}`));
      }
    };
    const onStderr = (chunk: Buffer): void => {
      stderr += chunk.toString('utf8');
    };
    const onExit = (code: number | null, signal: string | null): void =>
      fail(`exited (${signal ?? code}) before ready`);
    const onError = (err: Error): void => fail(err.message);
    function cleanup(): void {
      clearTimeout(timer);
      child.stdout?.off('data', onStdout);
      child.stdout?.resume();
      child.off('exit', onExit);
      child.off('error', onError);
    }
    child.stdout?.on('data', onStdout);
    child.stderr?.on('data', onStderr);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.stdin?.destroy();
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * `fetch` to an emulator, retried when the connection itself fails (a busy machine can starve the
 * emulator's process for longer than the client's connect timeout); HTTP errors are returned.
 */
async function emulatorFetch(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= 3) {
        const cause = (error as { cause?: unknown }).cause;
        throw new Error(
          `${init?.method ?? 'GET'} ${url}: ${String(error)}${cause ? ` (${String(cause)})` : ''}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/** The body of an S3 object, or undefined when it doesn't exist (anonymous path-style GET). */
export async function getObjectText(
  s3Endpoint: string,
  bucket: string,
  key: string,
): Promise<string | undefined> {
  const res = await emulatorFetch(`${s3Endpoint}/${bucket}/${encodeKey(key)}`);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`GET ${bucket}/${key}: HTTP ${res.status} ${await res.text()}`);
  return res.text();
}

/** Every key in a bucket under `prefix`, sorted (ListObjects; fine for the few keys of a test). */
export async function listObjectKeys(s3Endpoint: string, bucket: string, prefix = ''): Promise<string[]> {
  const res = await emulatorFetch(
    `${s3Endpoint}/${bucket}?prefix=${encodeURIComponent(prefix)}&max-keys=1000`,
  );
  const body = await res.text();
  if (!res.ok) throw new Error(`ListObjects ${bucket}: HTTP ${res.status} ${body}`);
  return [...body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => decodeXml(m[1])).sort();
}

/** Creates a bucket with CreateBucket, the call the AWS provider makes for `aws_s3_bucket`. */
export async function createBucket(s3Endpoint: string, bucket: string): Promise<void> {
  const res = await emulatorFetch(`${s3Endpoint}/${bucket}`, { method: 'PUT' });
  if (!res.ok) throw new Error(`CreateBucket ${bucket}: HTTP ${res.status} ${await res.text()}`);
}

/**
 * Calls a DynamoDB JSON API action (e.g. `Scan`, `DescribeTable`). The emulator wants a
 * well-formed SigV4 header but doesn't check the signature.
 */
export async function dynamodbCall<T>(dynamodbEndpoint: string, action: string, body: object): Promise<T> {
  const res = await emulatorFetch(dynamodbEndpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `DynamoDB_20120810.${action}`,
      'X-Amz-Date': '20240101T000000Z',
      Authorization: `AWS4-HMAC-SHA256 Credential=${EMULATOR_CREDENTIALS.accessKeyId}/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`DynamoDB ${action}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Every item of a table, with string attributes flattened (`{ LockID: { S: 'x' } }` -> `{ LockID: 'x' }`). */
export async function scanStringItems(
  dynamodbEndpoint: string,
  table: string,
): Promise<Record<string, string>[]> {
  const out = await dynamodbCall<{ Items: Record<string, { S?: string }>[] }>(dynamodbEndpoint, 'Scan', {
    TableName: table,
  });
  return out.Items.map((item) =>
    Object.fromEntries(
      Object.entries(item)
        .filter(([, value]) => value.S !== undefined)
        .map(([name, value]) => [name, value.S as string]),
    ),
  );
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
