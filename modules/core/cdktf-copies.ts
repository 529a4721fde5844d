import { App, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

/**
 * Thrown when a construct or a stack given to this library was made with another copy of `cdktf`
 * (or `constructs`) than the one the library loads.
 *
 * Two copies happen when the library is installed as a link (`npm link`, a `file:` folder with
 * its own `node_modules`) or when a lock file pins two versions. They do not fail on their own:
 * each copy keeps its aspects under a private symbol, so the policy pack that this library's copy
 * adds is never run by the App of the other copy, and an insecure stack synthesizes without an
 * error. This error turns that silent failure into a loud one.
 */
export class DuplicateCdktfError extends Error {
  /** Construct path of the scope that belongs to the other copy. */
  public readonly path: string;

  constructor(path: string, detail: string) {
    super(
      `Two copies of cdktf are loaded: ${path} ${detail}, but @ml-platform/cdktf-aws uses ` +
        `${describeCopy()}. Aspects and validations added through one copy never run in the ` +
        'other, so the policy pack would silently check nothing. Fix: install @ml-platform/cdktf-aws ' +
        'as a package (`npm install @ml-platform/cdktf-aws`, or the packed tarball), not as a link ' +
        'or a folder with its own node_modules; then run `npm dedupe` and check that ' +
        '`npm ls cdktf constructs` lists one version of each. cdktf, constructs and ' +
        '@cdktf/provider-aws are peer dependencies: your project provides them.' +
        loadedCopiesNote(),
    );
    this.name = 'DuplicateCdktfError';
    this.path = path;
  }
}

/** Where this library's cdktf was loaded from. */
function describeCopy(): string {
  try {
    return `the copy in ${require.resolve('cdktf/package.json').replace(/[\\/]package\.json$/, '')}`;
  } catch {
    return 'its own copy';
  }
}

/** The cdktf copies in the module cache, when there are several (Node's CommonJS loader). */
function loadedCopiesNote(): string {
  const copies = [
    ...new Set(
      Object.keys(require.cache)
        .map((file) => /^(.*[\\/]node_modules[\\/]cdktf)[\\/]lib[\\/]index\.js$/.exec(file)?.[1])
        .filter((dir): dir is string => dir !== undefined),
    ),
  ];
  return copies.length > 1 ? ` Loaded copies: ${copies.join(', ')}.` : '';
}

/**
 * Throws {@link DuplicateCdktfError} when `scope` hangs under an App or a stack of another cdktf
 * copy. `App.isApp` and `TerraformStack.isStack` recognise every copy (they test a global
 * symbol), `instanceof` only this one: the two disagree exactly when the copies differ.
 *
 * Every construct of this library runs it through {@link Validator}, and `applyPolicyPack` runs
 * it on its stack, so a duplicate copy fails at the first construct, with the fix.
 */
export function checkSingleCdktf(scope: IConstruct): void {
  for (const s of scope.node.scopes) {
    const path = s.node.path;
    // Plain booleans: the type guards would narrow `s` to `never` on the branches that matter.
    const ofThisConstructs: boolean = s instanceof Construct;
    const foreignApp: boolean = App.isApp(s) && !((s as unknown) instanceof App);
    const foreignStack: boolean = TerraformStack.isStack(s) && !((s as unknown) instanceof TerraformStack);
    if (foreignApp) throw new DuplicateCdktfError(path || '(the App)', 'is an App of another copy');
    if (foreignStack) throw new DuplicateCdktfError(path, 'is a TerraformStack of another copy');
    if (!ofThisConstructs) {
      throw new DuplicateCdktfError(path || '(root)', 'was created with another copy of constructs');
    }
  }
}
