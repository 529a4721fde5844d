import {
  RegistryScanning,
  RegistryScanningProps,
  lifecyclePolicyRules,
  renderLifecyclePolicy,
} from '../../../modules/ecr';
import {
  ExpectedProblem,
  newStack,
  onlyResource,
  policyFindings,
  problemLike,
  synthJson,
  validationProblems,
} from '../../support/construct-test';

function build(props?: RegistryScanningProps) {
  const stack = newStack();
  const scanning = new RegistryScanning(stack, 'scanning', props);
  return { stack, scanning, ...synthJson(stack) };
}

describe('RegistryScanning with default props', () => {
  const { stack, scanning, json } = build();

  it('turns on enhanced scanning of every repository on push', () => {
    expect(onlyResource(json, 'aws_ecr_registry_scanning_configuration')).toEqual({
      scan_type: 'ENHANCED',
      rule: [
        { scan_frequency: 'SCAN_ON_PUSH', repository_filter: [{ filter: '*', filter_type: 'WILDCARD' }] },
      ],
    });
    expect(scanning.scanType).toBe('ENHANCED');
  });

  it('passes the policy pack', () => {
    expect(policyFindings(stack)).toEqual([]);
  });
});

describe('RegistryScanning options', () => {
  it('takes basic scanning with manual scans', () => {
    const { json } = build({
      scanType: 'BASIC',
      rules: [{ repositoryFilters: ['legacy/*'], scanFrequency: 'MANUAL' }],
    });
    expect(onlyResource(json, 'aws_ecr_registry_scanning_configuration')).toEqual({
      scan_type: 'BASIC',
      rule: [
        { scan_frequency: 'MANUAL', repository_filter: [{ filter: 'legacy/*', filter_type: 'WILDCARD' }] },
      ],
    });
  });

  it('takes continuous scanning for some repositories and on-push for the rest', () => {
    const { json } = build({
      rules: [
        { repositoryFilters: ['prod/*', 'shared/*'], scanFrequency: 'CONTINUOUS_SCAN' },
        { repositoryFilters: ['*'], scanFrequency: 'SCAN_ON_PUSH' },
      ],
    });
    const rules = onlyResource(json, 'aws_ecr_registry_scanning_configuration').rule as Record<
      string,
      unknown
    >[];
    expect(rules.map((r) => r.scan_frequency)).toEqual(['CONTINUOUS_SCAN', 'SCAN_ON_PUSH']);
    expect(rules[0].repository_filter).toEqual([
      { filter: 'prod/*', filter_type: 'WILDCARD' },
      { filter: 'shared/*', filter_type: 'WILDCARD' },
    ]);
  });
});

describe('RegistryScanning validation', () => {
  const make = (props: RegistryScanningProps) => new RegistryScanning(newStack(), 'scanning', props);
  const cases: [string, RegistryScanningProps, ExpectedProblem][] = [
    [
      'an unknown scan type',
      { scanType: 'DEEP' as never },
      { field: 'scanType', value: 'DEEP', problem: /"BASIC" or "ENHANCED"/, fix: /ENHANCED/ },
    ],
    [
      'no rules',
      { rules: [] },
      { field: 'rules', value: [], problem: /no repository would be scanned/, fix: /leave rules unset/ },
    ],
    [
      'continuous scanning with basic scanning',
      { scanType: 'BASIC', rules: [{ repositoryFilters: ['*'], scanFrequency: 'CONTINUOUS_SCAN' }] },
      {
        field: 'rules[0].scanFrequency',
        value: 'CONTINUOUS_SCAN',
        problem: /not available with scan type BASIC/,
        fix: /"SCAN_ON_PUSH" or "MANUAL"/,
      },
    ],
    [
      'manual scanning with enhanced scanning',
      { rules: [{ repositoryFilters: ['*'], scanFrequency: 'MANUAL' }] },
      {
        field: 'rules[0].scanFrequency',
        value: 'MANUAL',
        problem: /not available with scan type ENHANCED/,
        fix: /"SCAN_ON_PUSH" or "CONTINUOUS_SCAN"/,
      },
    ],
    [
      'a rule without filters',
      { rules: [{ repositoryFilters: [], scanFrequency: 'SCAN_ON_PUSH' }] },
      { field: 'rules[0].repositoryFilters', value: [], problem: /is empty/, fix: /\["\*"\]/ },
    ],
    [
      'an upper-case filter',
      { rules: [{ repositoryFilters: ['Team/*'], scanFrequency: 'SCAN_ON_PUSH' }] },
      {
        field: 'rules[0].repositoryFilters[0]',
        value: 'Team/*',
        problem: /not a repository filter/,
        fix: /team\/\*/,
      },
    ],
    [
      'two rules with one frequency',
      {
        rules: [
          { repositoryFilters: ['a/*'], scanFrequency: 'SCAN_ON_PUSH' },
          { repositoryFilters: ['b/*'], scanFrequency: 'SCAN_ON_PUSH' },
        ],
      },
      { field: 'rules', value: ['SCAN_ON_PUSH'], problem: /same scanFrequency/, fix: /merge the filters/ },
    ],
  ];

  it.each(cases)('refuses %s', (_name, props, expected) => {
    expect(validationProblems(() => make(props))).toContainEqual(problemLike(expected));
  });

  it.each<[string, RegistryScanningProps]>([
    [
      'basic scanning on push',
      { scanType: 'BASIC', rules: [{ repositoryFilters: ['*'], scanFrequency: 'SCAN_ON_PUSH' }] },
    ],
    [
      'one rule per frequency',
      {
        rules: [
          { repositoryFilters: ['a/*'], scanFrequency: 'SCAN_ON_PUSH' },
          { repositoryFilters: ['b/*'], scanFrequency: 'CONTINUOUS_SCAN' },
        ],
      },
    ],
    [
      'a 256-character filter',
      { rules: [{ repositoryFilters: ['a'.repeat(256)], scanFrequency: 'SCAN_ON_PUSH' }] },
    ],
  ])('accepts %s', (_name, props) => {
    expect(validationProblems(() => make(props))).toEqual([]);
  });
});

describe('lifecycle policy rendering', () => {
  it('renders the untagged rule first, then one rule per prefix', () => {
    expect(
      lifecyclePolicyRules({ maxTaggedImages: 3, tagPrefixes: ['prod-'], untaggedImageExpirationInDays: 2 }),
    ).toEqual([
      {
        rulePriority: 1,
        description: 'Expire untagged images 2 days after push',
        selection: {
          tagStatus: 'untagged',
          countType: 'sinceImagePushed',
          countUnit: 'days',
          countNumber: 2,
        },
        action: { type: 'expire' },
      },
      {
        rulePriority: 2,
        description: 'Keep the 3 most recent images tagged "prod-*"',
        selection: {
          tagStatus: 'tagged',
          tagPrefixList: ['prod-'],
          countType: 'imageCountMoreThan',
          countNumber: 3,
        },
        action: { type: 'expire' },
      },
    ]);
  });

  it('renders JSON with a top-level rules array', () => {
    const json = renderLifecyclePolicy({
      maxTaggedImages: 30,
      tagPrefixes: [],
      untaggedImageExpirationInDays: 7,
    });
    expect(json.startsWith('{"rules":[{"rulePriority":1,')).toBe(true);
    expect(JSON.parse(json).rules).toHaveLength(2);
  });
});
