/**
 * The Compose project a {@link ComposeHost} runs, as typed data. The common keys are typed; any
 * other key of the Compose specification passes through unchanged (the index signatures), so the
 * host can run whatever the specification allows while the keys it reads are checked.
 */

/** A port mapping in Compose's long syntax. */
export interface ComposePortMapping {
  /** Port inside the container. */
  readonly target: number;
  /** Port (or range, `"8000-8005"`) on the host; unset lets Docker pick an ephemeral port. */
  readonly published?: number | string;
  /** @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
  /** Host address to bind; `127.0.0.1` keeps the port off the network. @default - every address */
  readonly host_ip?: string;
  /** @default 'ingress' */
  readonly mode?: 'host' | 'ingress';
}

/** `logging` of a service. */
export interface ComposeLogging {
  readonly driver: string;
  readonly options?: Readonly<Record<string, string>>;
}

/** One service of the Compose file. */
export interface ComposeService {
  /** Image, pinned by a tag other than `latest` or by digest (checked). */
  readonly image: string;
  readonly command?: string | readonly string[];
  readonly entrypoint?: string | readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  /** Env files, relative to the project directory (e.g. a file written from a generated secret). */
  readonly env_file?: readonly string[];
  /** Published ports, short (`"80:8080"`, `"127.0.0.1:6379:6379"`, `"53:53/udp"`) or long syntax. */
  readonly ports?: readonly (string | number | ComposePortMapping)[];
  readonly volumes?: readonly string[];
  readonly depends_on?: readonly string[];
  readonly restart?: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  /**
   * `host` runs the service in the host's network namespace: it listens on host ports directly
   * (no `ports` needed) and, like the host, can reach the instance metadata service and so holds
   * the instance role's credentials.
   */
  readonly network_mode?: string;
  readonly extra_hosts?: readonly string[];
  /** Set by the host when the service has a log group; leave unset for those services. */
  readonly logging?: ComposeLogging;
  readonly [key: string]: unknown;
}

/** A Compose file (the top-level `name` is set by the host from the project name). */
export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly networks?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly [key: string]: unknown;
}

/** A port the host publishes for a service. */
export interface PublishedPort {
  readonly service: string;
  /** First host port. */
  readonly port: number;
  /** Last host port (the same as `port` unless a range is published). */
  readonly toPort: number;
  readonly protocol: 'tcp' | 'udp';
  /** Host address it is bound to; `undefined` for every address. */
  readonly hostIp?: string;
}

/** Loopback addresses: a port bound only there is not reachable from the network. */
export const LOOPBACK_ADDRESSES: readonly string[] = ['127.0.0.1', '::1', 'localhost'];

/** Parses `"a-b"` or `"a"` into a range; undefined when malformed. */
function portRange(text: string): [number, number] | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from >= 1 && to <= 65535 && from <= to ? [from, to] : undefined;
}

/**
 * The host side of one `ports` entry, or undefined when none is fixed (container port only: Docker
 * picks an ephemeral host port) or the entry is malformed (see {@link portEntryProblem}).
 */
export function parsePortEntry(
  service: string,
  entry: string | number | ComposePortMapping,
): PublishedPort | undefined {
  if (typeof entry === 'number') return undefined;
  if (typeof entry === 'object') {
    if (entry.published === undefined) return undefined;
    const range = portRange(String(entry.published));
    if (!range) return undefined;
    return {
      service,
      port: range[0],
      toPort: range[1],
      protocol: entry.protocol ?? 'tcp',
      hostIp: entry.host_ip,
    };
  }
  const [spec, proto = 'tcp'] = entry.split('/');
  if (proto !== 'tcp' && proto !== 'udp') return undefined;
  // [host_ip:]host:container; an IPv6 host_ip is written in brackets.
  const m = /^(?:(\[[0-9a-fA-F:]+\]|[^:[\]]+):)?([\d-]+):([\d-]+)$/.exec(spec);
  if (!m) return undefined;
  const range = portRange(m[2]);
  if (!range) return undefined;
  const hostIp = m[1]?.replace(/^\[|\]$/g, '');
  return { service, port: range[0], toPort: range[1], protocol: proto, hostIp };
}

/** Why a `ports` entry cannot be read, or undefined when it can. */
export function portEntryProblem(entry: string | number | ComposePortMapping): string | undefined {
  if (typeof entry === 'number') {
    return Number.isInteger(entry) && entry >= 1 && entry <= 65535 ? undefined : 'is not a port 1-65535';
  }
  if (typeof entry === 'object') {
    if (!Number.isInteger(entry.target) || entry.target < 1 || entry.target > 65535) {
      return 'has a target that is not a port 1-65535';
    }
    if (entry.published !== undefined && !portRange(String(entry.published))) {
      return 'has a published value that is not a port or range 1-65535';
    }
    return undefined;
  }
  if (/^\d{1,5}(\/(tcp|udp))?$/.test(entry)) return undefined;
  return parsePortEntry('', entry) === undefined
    ? 'is not "[host_ip:]host_port:container_port[/tcp|udp]"'
    : undefined;
}

/**
 * Every fixed host port the Compose file publishes, in service order. Services with
 * `network_mode: host` publish nothing here (they listen on host ports directly, which Compose
 * does not declare).
 */
export function publishedPorts(compose: ComposeFile): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    for (const entry of service.ports ?? []) {
      const port = parsePortEntry(name, entry);
      if (port) out.push(port);
    }
  }
  return out;
}

/** True when the port is reachable from the network (not bound to a loopback address only). */
export function isNetworkReachable(port: PublishedPort): boolean {
  return port.hostIp === undefined || !LOOPBACK_ADDRESSES.includes(port.hostIp);
}

/** Services that share the host's network namespace (`network_mode: host`). */
export function hostNetworkServices(compose: ComposeFile): string[] {
  return Object.entries(compose.services)
    .filter(([, s]) => s.network_mode === 'host')
    .map(([name]) => name);
}
