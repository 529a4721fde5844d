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
