/** Tags as Terraform takes them. */
export type Tags = Readonly<Record<string, string>>;

/**
 * Tags for one resource: the module's optional `tags`, then a `Name` tag. Mandatory tags
 * (Project, Environment, Owner, ManagedBy, ...) are not repeated here: they come from the AWS
 * provider's `default_tags`, which reach every taggable resource except Auto Scaling group
 * instances (see the ec2 module).
 */
export function withName(name: string, tags: Tags | undefined): Record<string, string> {
  return { ...(tags ?? {}), Name: name };
}

const TAG_KEY_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/** True for a tag key AWS accepts and leaves to users: 1-128 characters of the tag alphabet, not `aws:...`. */
export function isTagKey(key: string): boolean {
  return typeof key === 'string' && TAG_KEY_RE.test(key) && !key.toLowerCase().startsWith('aws:');
}

/** True for a tag value: up to 256 characters of the tag alphabet (letters, digits, spaces, `_.:/=+-@`). */
export function isTagValue(value: string): boolean {
  return typeof value === 'string' && TAG_VALUE_RE.test(value);
}
