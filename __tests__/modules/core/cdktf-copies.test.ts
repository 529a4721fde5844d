import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DuplicateCdktfError, checkSingleCdktf } from '../../../modules/core/cdktf-copies';
import { applyPolicyPack } from '../../../modules/policy';
import { SecureBucket } from '../../../modules/s3/secure-bucket';
import { Vpc } from '../../../modules/vpc';

type Cdktf = typeof import('cdktf');

/**
 * A second, real copy of cdktf, as a linked install produces one: its own `lib/` (so its own
 * module instances and private symbols), sharing constructs and cdktf's bundled dependencies
 * through symlinks, which Node resolves to the same files.
 */
function loadSecondCdktf(dir: string): Cdktf {
  const real = dirname(realpathSync(require.resolve('cdktf/package.json')));
  const copy = join(dir, 'node_modules', 'cdktf');
  mkdirSync(copy, { recursive: true });
  cpSync(join(real, 'package.json'), join(copy, 'package.json'));
  cpSync(join(real, 'lib'), join(copy, 'lib'), { recursive: true });
  symlinkSync(join(real, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const constructs = dirname(realpathSync(require.resolve('constructs/package.json')));
  symlinkSync(constructs, join(dir, 'node_modules', 'constructs'), 'dir');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(copy) as Cdktf;
}

describe('two copies of cdktf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-copy-'));
  const other = loadSecondCdktf(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A stack of the other copy, as a consumer's App made with its own cdktf would hold. */
  function foreignStack(): TerraformStack {
    const app = new other.App({ outdir: join(dir, 'out') });
    const stack = new other.TerraformStack(app, 'consumer');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    return stack as unknown as TerraformStack;
  }

  it('is really a second copy: the symbols agree, instanceof does not', () => {
    const stack = foreignStack();
    expect(TerraformStack.isStack(stack)).toBe(true);
    expect(stack instanceof TerraformStack).toBe(false);
    expect(other.TerraformStack).not.toBe(TerraformStack);
  });

  it('applyPolicyPack refuses a stack of the other copy, naming the fix', () => {
    const stack = foreignStack();
    expect(() => applyPolicyPack(stack)).toThrow(DuplicateCdktfError);
    expect(() => applyPolicyPack(stack)).toThrow(
      /^Two copies of cdktf are loaded: \(the App\) is an App of another copy, but @ml-platform\/cdktf-aws uses the copy in .*node_modules[\\/]cdktf\. .*the policy pack would silently check nothing\. Fix: install @ml-platform\/cdktf-aws as a package .*not as a link.*`npm dedupe`.*`npm ls cdktf constructs`.* Loaded copies: .*cdktf, .*cdktf-copy-.*cdktf\.$/s,
    );
  });

  it('a construct in a stack of the other copy fails before creating anything', () => {
    const stack = foreignStack();
    let error: unknown;
    try {
      new SecureBucket(stack, 'bucket', { bucketName: 'consumer-bucket' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DuplicateCdktfError);
    expect((error as DuplicateCdktfError).path).toBe('(the App)');
    expect(stack.node.tryFindChild('bucket')?.node.children).toEqual([]);
    expect(
      () =>
        new Vpc(stack, 'vpc', {
          name: 'consumer',
          cidrBlock: '10.0.0.0/16',
          availabilityZones: ['us-east-1a'],
        }),
    ).toThrow(DuplicateCdktfError);
  });

  it('a stack of the other copy is caught under an App of this copy', () => {
    const stack = new other.TerraformStack(Testing.app() as never, 'mixed') as unknown as TerraformStack;
    expect(() => applyPolicyPack(stack)).toThrow(
      /^Two copies of cdktf are loaded: mixed is a TerraformStack of another copy/,
    );
  });

  it('an App of the other copy is caught even when the stack class is this copy', () => {
    const app = new other.App({ outdir: join(dir, 'out2') });
    const stack = new TerraformStack(app as unknown as App, 'mixed');
    expect(() => checkSingleCdktf(stack)).toThrow(
      /^Two copies of cdktf are loaded: \(the App\) is an App of another copy/,
    );
  });

  it('accepts the boundary: constructs of this copy in a stack of this copy', () => {
    const stack = new TerraformStack(Testing.app(), 'one-copy');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    expect(() => checkSingleCdktf(stack)).not.toThrow();
    expect(() => applyPolicyPack(stack)).not.toThrow();
  });
});
