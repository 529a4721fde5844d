import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import {
  createBucket,
  dynamodbCall,
  Emulators,
  getObjectText,
  listObjectKeys,
  scanStringItems,
  startEmulators,
} from '../support/emulators';

/** True when something accepts TCP connections on `url`'s host and port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function put(
  emulators: Emulators,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${emulators.s3Endpoint}/${path}`, { method: 'PUT', body, headers });
}

describe('S3 and DynamoDB emulators', () => {
  let emulators: Emulators;

  beforeAll(async () => {
    emulators = await startEmulators();
    await createBucket(emulators.s3Endpoint, 'test-bucket');
  });
  afterAll(() => emulators?.stop());

  it('listen on 127.0.0.1 only, on ports chosen at start', () => {
    expect(emulators.s3Endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulators.dynamodbEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulators.s3Endpoint).not.toBe(emulators.dynamodbEndpoint);
  });

  it('store and list objects', async () => {
    expect((await put(emulators, 'test-bucket/a/b.txt', 'hello')).status).toBe(200);
    expect(await getObjectText(emulators.s3Endpoint, 'test-bucket', 'a/b.txt')).toBe('hello');
    expect(await getObjectText(emulators.s3Endpoint, 'test-bucket', 'missing')).toBeUndefined();
    expect(await listObjectKeys(emulators.s3Endpoint, 'test-bucket', 'a/')).toEqual(['a/b.txt']);
  });

  it('create an object with If-None-Match: * only when the key is absent (412 otherwise), as S3 does', async () => {
    const first = await put(emulators, 'test-bucket/lock', 'one', { 'If-None-Match': '*' });
    const second = await put(emulators, 'test-bucket/lock', 'two', { 'If-None-Match': '*' });
    expect([first.status, second.status]).toEqual([200, 412]);
    expect(await second.text()).toContain('<Code>PreconditionFailed</Code>');
    expect(await getObjectText(emulators.s3Endpoint, 'test-bucket', 'lock')).toBe('one');
    // Plain writes still overwrite.
    expect((await put(emulators, 'test-bucket/lock', 'three')).status).toBe(200);
    expect(await getObjectText(emulators.s3Endpoint, 'test-bucket', 'lock')).toBe('three');
  });

  it('let exactly one of many concurrent conditional creates of a key win', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        put(emulators, 'test-bucket/race', `writer ${i}`, { 'If-None-Match': '*' }),
      ),
    ).then((responses) => responses.map((r) => r.status).sort());
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
  });

  it('serve DynamoDB tables with conditional puts', async () => {
    await dynamodbCall(emulators.dynamodbEndpoint, 'CreateTable', {
      TableName: 'locks',
      AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    const lock = {
      TableName: 'locks',
      Item: { LockID: { S: 'bucket/key' }, Info: { S: '{}' } },
      ConditionExpression: 'attribute_not_exists(LockID)',
    };
    await dynamodbCall(emulators.dynamodbEndpoint, 'PutItem', lock);
    await expect(dynamodbCall(emulators.dynamodbEndpoint, 'PutItem', lock)).rejects.toThrow(
      /ConditionalCheckFailedException/,
    );
    expect(await scanStringItems(emulators.dynamodbEndpoint, 'locks')).toEqual([
      { LockID: 'bucket/key', Info: '{}' },
    ]);
  });
});

describe('emulator lifecycle', () => {
  it('stop() closes both ports and can be called again', async () => {
    const emulators = await startEmulators({ conditionalWrites: false });
    expect(emulators.conditionalWrites).toBe(false);
    expect([await listening(emulators.s3Endpoint), await listening(emulators.dynamodbEndpoint)]).toEqual([
      true,
      true,
    ]);
    await emulators.stop();
    await emulators.stop();
    expect([await listening(emulators.s3Endpoint), await listening(emulators.dynamodbEndpoint)]).toEqual([
      false,
      false,
    ]);
  });

  it('two instances run side by side on different ports', async () => {
    const [a, b] = await Promise.all([startEmulators(), startEmulators()]);
    try {
      expect(new Set([a.s3Endpoint, a.dynamodbEndpoint, b.s3Endpoint, b.dynamodbEndpoint]).size).toBe(4);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('fails within the startup bound instead of hanging', async () => {
    await expect(startEmulators({ startupTimeoutMs: 1 })).rejects.toThrow(/not ready within 1 ms/);
  });

  it('exits when the process that started it goes away (its stdin closes)', async () => {
    const child = spawn(process.execPath, [join(__dirname, '..', 'support', 'emulators-server.cjs')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const ready = await new Promise<{ s3Port: number }>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) =>
        resolve(JSON.parse(chunk.toString('utf8')) as { s3Port: number }),
      ),
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(await listening(`http://127.0.0.1:${ready.s3Port}`)).toBe(false);
  });
});
