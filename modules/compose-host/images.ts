/** Container image references: parsing, pinning rules and Amazon ECR detection. */

/** A parsed image reference `[registry/]repository[:tag][@digest]`. */
export interface ImageReference {
  /** Registry host, undefined for Docker Hub short names (`library/redis`). */
  readonly registry?: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const REF_RE =
  /^(?:(?<registry>[a-zA-Z0-9.-]+(?::\d+)?)\/)?(?<repository>[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

/** Parses an image reference; undefined when it is malformed (whitespace, uppercase repository, ...). */
export function parseImageReference(image: string): ImageReference | undefined {
  const m = REF_RE.exec(image);
  if (!m?.groups) return undefined;
  let registry: string | undefined = m.groups.registry;
  let repository = m.groups.repository;
  // `name/path` without a dot, colon or `localhost` in the first part is a Docker Hub path, not a host.
  if (registry && !/[.:]/.test(registry) && registry !== 'localhost') {
    repository = `${registry}/${repository}`;
    registry = undefined;
  }
  if (/[A-Z]/.test(repository)) return undefined;
  return { registry, repository, tag: m.groups.tag, digest: m.groups.digest };
}

/**
 * Problems with an image reference for this host: it must parse, and be pinned by a tag other
 * than `latest` or by a digest, so that a replacement host runs the same software. Empty = valid.
 */
export function imageReferenceProblems(image: string): string[] {
  if (image.trim() === '') return ['is empty'];
  if (/\s/.test(image)) return ['contains whitespace'];
  const ref = parseImageReference(image);
  if (!ref)
    return [
      'is not a valid image reference ([registry/]repository[:tag][@sha256:digest], lowercase repository)',
    ];
  if (!ref.tag && !ref.digest) return ['is not pinned (no tag or digest)'];
  if (ref.tag === 'latest' && !ref.digest) return ['is pinned to "latest", which changes under you'];
  return [];
}

/** An Amazon ECR private registry an image comes from. */
export interface EcrRegistry {
  /** `<account>.dkr.ecr.<region>.amazonaws.com[.cn]` */
  readonly host: string;
  readonly accountId: string;
  readonly region: string;
  /** Repositories pulled from this registry. */
  readonly repositories: readonly string[];
}

const ECR_HOST_RE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/** The ECR registries among `images`, deduplicated, in first-seen order. */
export function ecrRegistries(images: readonly string[]): EcrRegistry[] {
  const byHost = new Map<string, { accountId: string; region: string; repositories: string[] }>();
  for (const image of images) {
    const ref = parseImageReference(image);
    const m = ref?.registry ? ECR_HOST_RE.exec(ref.registry) : null;
    if (!ref?.registry || !m) continue;
    const entry = byHost.get(ref.registry) ?? { accountId: m[1], region: m[2], repositories: [] };
    if (!entry.repositories.includes(ref.repository)) entry.repositories.push(ref.repository);
    byHost.set(ref.registry, entry);
  }
  return [...byHost.entries()].map(([host, e]) => ({ host, ...e }));
}
