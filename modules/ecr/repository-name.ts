/** ECR repository names: lowercase components separated by `._-`, namespaces by `/`. */
const REPOSITORY_NAME_RE = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/**
 * True for an ECR repository name: 2-256 characters, e.g. `team/model-api`. A plain function with
 * no provider imports, so configuration checks can use it without loading constructs.
 */
export function isRepositoryName(name: string): boolean {
  return typeof name === 'string' && name.length >= 2 && name.length <= 256 && REPOSITORY_NAME_RE.test(name);
}
