import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ISecurityGroupRef } from './security-group';

const MAX_KEY_LENGTH = 40;

/**
 * A stable rule key for a peer group (the `key` of an ingress or egress rule, part of the rule's
 * Terraform address): `<prefix>-<construct id>` when the peer is a construct, `<prefix>-<group id>`
 * when it is a literal id, else `<prefix>-<fallback>`; a key already in `taken` gets `-2`, `-3`,
 * ... Keys from construct ids do not change when peers are reordered. At most 40 letters, digits
 * and hyphens; the key is added to `taken`.
 */
export function peerRuleKey(
  prefix: string,
  peer: ISecurityGroupRef,
  fallback: string,
  taken: Set<string>,
): string {
  const node = (peer as Partial<IConstruct>).node;
  const raw = node ? node.id : Token.isUnresolved(peer.securityGroupId) ? fallback : peer.securityGroupId;
  const base = clean(`${prefix}-${raw}`, MAX_KEY_LENGTH);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${clean(base, MAX_KEY_LENGTH - `-${n}`.length)}-${n}`;
  taken.add(key);
  return key;
}

function clean(text: string, max: number): string {
  return text
    .replace(/[^a-zA-Z0-9-]/g, '-')
    .replace(/-+/g, '-')
    .slice(0, max)
    .replace(/^-|-$/g, '');
}
