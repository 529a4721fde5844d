import { duplicates, parseSelection } from '../../../stacks/shared/selection';

const KNOWN = ['dev', 'staging', 'prod'];

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseSelection', () => {
  it('selects everything when the variable is unset', () => {
    expect(parseSelection(undefined, KNOWN, 'MLMON_ENVIRONMENTS', 'environment')).toEqual(KNOWN);
  });

  it('selects by name, trimming spaces and keeping the declared order', () => {
    expect(parseSelection(' prod , dev ', KNOWN, 'MLMON_ENVIRONMENTS', 'environment')).toEqual([
      'dev',
      'prod',
    ]);
    expect(parseSelection('prod,prod', KNOWN, 'MLMON_ENVIRONMENTS', 'environment')).toEqual(['prod']);
  });

  it.each([[''], [' '], [' , '], [',,']])('refuses the blank selection %j and lists the choices', (raw) => {
    expect(errorOf(() => parseSelection(raw, KNOWN, 'MLMON_ENVIRONMENTS', 'environment'))).toBe(
      'Invalid input for environment selection (1 problem):\n' +
        `  - MLMON_ENVIRONMENTS = ${JSON.stringify(raw)}: selects no environment (it is empty or blank). ` +
        'Fix: unset MLMON_ENVIRONMENTS to select every environment, or list some of: dev, staging, prod',
    );
  });

  it('refuses unknown names, each named, with the known ones', () => {
    expect(errorOf(() => parseSelection('dev,qa,uat', KNOWN, 'MLMON_ENVIRONMENTS', 'environment'))).toBe(
      'Invalid input for environment selection (2 problems):\n' +
        '  - MLMON_ENVIRONMENTS = "qa": is not a known environment (known: dev, staging, prod). Fix: use one of dev, staging, prod\n' +
        '  - MLMON_ENVIRONMENTS = "uat": is not a known environment (known: dev, staging, prod). Fix: use one of dev, staging, prod',
    );
  });

  it('refuses a value that is not a string (an untyped caller)', () => {
    expect(errorOf(() => parseSelection(3 as unknown as string, KNOWN, 'MLMON_STACKS', 'stack'))).toContain(
      'MLMON_STACKS = 3: must be a string',
    );
  });
});

describe('duplicates', () => {
  it('lists each repeated name once', () => {
    expect(duplicates(['a', 'b', 'a', 'c', 'b', 'a'])).toEqual(['a', 'b']);
    expect(duplicates(['a', 'b'])).toEqual([]);
  });
});
