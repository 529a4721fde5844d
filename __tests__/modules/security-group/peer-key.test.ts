import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { SecurityGroup } from '../../../modules/security-group';
import { peerRuleKey } from '../../../modules/security-group/peer-key';

describe('peerRuleKey', () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  const api = new SecurityGroup(stack, 'api.service_sg', { name: 'api', vpcId: 'vpc-0123456789abcdef0' });
  const variable = new TerraformVariable(stack, 'sg', { type: 'string' });

  it('uses the construct id of a construct, cleaned to letters, digits and hyphens', () => {
    expect(peerRuleKey('from', api, 'client-0', new Set())).toBe('from-api-service-sg');
  });

  it('uses a literal group id, else the fallback', () => {
    expect(peerRuleKey('from', { securityGroupId: 'sg-0123456789abcdef0' }, 'x', new Set())).toBe(
      'from-sg-0123456789abcdef0',
    );
    expect(peerRuleKey('from', { securityGroupId: variable.stringValue }, 'client-3', new Set())).toBe(
      'from-client-3',
    );
  });

  it('numbers keys already taken and records every key it hands out', () => {
    const taken = new Set<string>();
    expect(peerRuleKey('from', api, 'a', taken)).toBe('from-api-service-sg');
    expect(peerRuleKey('from', api, 'a', taken)).toBe('from-api-service-sg-2');
    expect(peerRuleKey('from', api, 'a', taken)).toBe('from-api-service-sg-3');
    expect([...taken]).toEqual(['from-api-service-sg', 'from-api-service-sg-2', 'from-api-service-sg-3']);
  });

  it.each([
    ['runs of other characters to one hyphen', 'from', 'client__.3', 'from-client-3'],
    ['a trailing hyphen', 'from', 'client_', 'from-client'],
    ['a leading hyphen', '_from', 'client', 'from-client'],
    ['a hyphen left at the 40-character cut', 'a'.repeat(39), 'x', 'a'.repeat(39)],
  ])('collapses and trims: %s', (_name, prefix, fallback, key) => {
    expect(peerRuleKey(prefix, { securityGroupId: variable.stringValue }, fallback, new Set())).toBe(key);
  });

  it('cuts a long key to 40 characters, and a numbered one to leave room for the number', () => {
    const long = { securityGroupId: `sg-${'0'.repeat(17)}` };
    const taken = new Set<string>();
    expect(peerRuleKey('from-the-long-prefix', long, 'x', taken)).toBe(
      `from-the-long-prefix-sg-${'0'.repeat(16)}`,
    );
    expect(peerRuleKey('from-the-long-prefix', long, 'x', taken)).toBe(
      `from-the-long-prefix-sg-${'0'.repeat(14)}-2`,
    );
  });

  it('stays within 40 characters, also when numbered', () => {
    const long = { securityGroupId: `sg-${'0'.repeat(17)}` };
    const taken = new Set<string>();
    const first = peerRuleKey('from-the-long-prefix', long, 'x', taken);
    const second = peerRuleKey('from-the-long-prefix', long, 'x', taken);
    expect(first.length).toBeLessThanOrEqual(40);
    expect(second).toMatch(/-2$/);
    expect(second.length).toBeLessThanOrEqual(40);
    expect(first).toMatch(/^[a-zA-Z0-9-]+$/);
  });
});
