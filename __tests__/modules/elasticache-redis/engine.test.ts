import { isValidCacheNodeType } from '../../../modules/elasticache-redis';
import {
  engineVersionProblem,
  memberClusterIds,
  parameterGroupFamily,
  parseEngineVersion,
  replicationGroupIdProblem,
} from '../../../modules/elasticache-redis/engine';

describe('replicationGroupIdProblem', () => {
  it.each([
    ['a', undefined],
    ['sentiment-prod-cache', undefined],
    ['a'.repeat(40), undefined],
  ])('accepts %s', (id, expected) => expect(replicationGroupIdProblem(id)).toBe(expected));
  it.each([
    ['a'.repeat(41), /1-40/],
    ['1cache', /starting with a letter/],
    ['Cache', /lowercase/],
    ['cache_1', /lowercase letters, digits and hyphens/],
    ['cache-', /must not end with a hyphen/],
    ['ca--che', /two in a row/],
    ['', /1-40/],
  ])('refuses %j', (id, problem) => expect(replicationGroupIdProblem(id)).toMatch(problem));
});

describe('isValidCacheNodeType', () => {
  it.each([
    'cache.t4g.micro',
    'cache.t4g.small',
    'cache.r7g.large',
    'cache.m7g.2xlarge',
    'cache.r6gd.16xlarge',
  ])('accepts %s', (t) => expect(isValidCacheNodeType(t)).toBe(true));
  it.each(['t4g.micro', 'cache.t4g', 'cache.t4g.huge', 'Cache.t4g.micro', 'cache.t4g.micro.search'])(
    'refuses %s',
    (t) => expect(isValidCacheNodeType(t)).toBe(false),
  );
});

describe('parseEngineVersion and engineVersionProblem', () => {
  it('parses major.minor only', () => {
    expect(parseEngineVersion('8.0')).toEqual({ major: 8, minor: 0 });
    expect(parseEngineVersion('7.2.4')).toBeUndefined();
    expect(parseEngineVersion('8')).toBeUndefined();
  });

  it.each([
    ['valkey', '7.2', true, undefined],
    ['valkey', '8.1', true, undefined],
    ['valkey', '7.1', true, 'is not a Valkey version (7.2 or later)'],
    ['redis', '7.0', true, undefined],
    ['redis', '7.1', true, undefined],
    ['redis', '6.2', true, 'is below 7.0, which IAM authentication needs'],
    ['redis', '6.2', false, undefined],
    ['redis', '6.0', false, undefined],
    ['redis', '5.0', false, 'is below 6.0, which role-based access control (user groups) needs'],
    ['redis', '7.2', true, undefined],
    ['redis', '8.0', true, 'is not a Redis OSS version ElastiCache offers (6.0 to 7.1)'],
    ['valkey', 'x', true, 'is not a "major.minor" version such as "8.0"'],
  ] as const)('%s %s (IAM %s): %s', (engine, version, iam, problem) =>
    expect(engineVersionProblem(engine, version, iam)).toBe(problem),
  );
});

describe('parameterGroupFamily', () => {
  it.each([
    ['valkey', '8.0', 'valkey8'],
    ['valkey', '7.2', 'valkey7'],
    ['redis', '7.1', 'redis7'],
    ['redis', '6.2', 'redis6.x'],
  ] as const)('%s %s -> %s', (engine, version, family) =>
    expect(parameterGroupFamily(engine, version)).toBe(family),
  );
});

describe('memberClusterIds', () => {
  it('numbers nodes 001, 002, ... as ElastiCache does', () => {
    expect(memberClusterIds('app', 3)).toEqual(['app-001', 'app-002', 'app-003']);
    expect(memberClusterIds('app', 1)).toEqual(['app-001']);
  });
});
