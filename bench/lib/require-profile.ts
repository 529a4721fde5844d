/**
 * Where module-load time goes: wraps Node's module loader and records, for every module loaded for
 * the first time, its self time (its own transpile + evaluation, children excluded). Used once per
 * `npm run bench` on an instrumented synth; the hook's own overhead makes its totals a little higher
 * than an uninstrumented load, so the timed runs never use it.
 */
import Module from 'node:module';
import { relative, sep } from 'node:path';

interface ModuleInternals {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
  _resolveFilename(request: string, parent: unknown, isMain: boolean): string;
  _cache: Record<string, unknown>;
}

/** Load time of a group of modules (an npm package, or a directory of the project). */
export interface LoadGroup {
  readonly group: string;
  readonly modules: number;
  readonly selfMs: number;
}

/** Result of a profiled load. */
export interface RequireProfile {
  /** Modules loaded for the first time (Node built-ins excluded). */
  readonly modules: number;
  /** Sum of self times, ms. */
  readonly totalMs: number;
  /** Per package / project directory, slowest first. */
  readonly groups: readonly LoadGroup[];
  /** The slowest single modules, slowest first. */
  readonly top: ReadonlyArray<{ readonly module: string; readonly selfMs: number }>;
  /** Every module file loaded, relative to the root. */
  readonly files: readonly string[];
}

/**
 * The group a file belongs to: `@scope/name` or `name` for a package, the first two path segments
 * for a project file (`modules/vpc`), the file itself at the root.
 */
export function moduleGroup(file: string, root: string): string {
  const rel = relative(root, file).split(sep).join('/');
  const nm = rel.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = rel.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const parts = rel.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : rel;
}

/** Starts recording; call the returned function to stop and get the profile. */
export function installRequireProfiler(root: string, topN = 15): () => RequireProfile {
  const m = Module as unknown as ModuleInternals;
  const original = m._load;
  const stack: Array<{ child: number }> = [];
  const selfByFile = new Map<string, number>();

  m._load = function profiledLoad(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    let file: string | undefined;
    try {
      file = m._resolveFilename(request, parent, isMain);
    } catch {
      file = undefined; // let the real loader throw its own error
    }
    if (file === undefined || !file.includes(sep) || m._cache[file] !== undefined) {
      return original.call(this, request, parent, isMain);
    }
    const frame = { child: 0 };
    stack.push(frame);
    const start = performance.now();
    try {
      return original.call(this, request, parent, isMain);
    } finally {
      const total = performance.now() - start;
      stack.pop();
      if (stack.length > 0) stack[stack.length - 1].child += total;
      selfByFile.set(file, (selfByFile.get(file) ?? 0) + total - frame.child);
    }
  };

  return () => {
    m._load = original;
    const groups = new Map<string, { modules: number; selfMs: number }>();
    for (const [file, ms] of selfByFile) {
      const g = moduleGroup(file, root);
      const cur = groups.get(g) ?? { modules: 0, selfMs: 0 };
      groups.set(g, { modules: cur.modules + 1, selfMs: cur.selfMs + ms });
    }
    const rel = (f: string) => relative(root, f).split(sep).join('/');
    return {
      modules: selfByFile.size,
      totalMs: [...selfByFile.values()].reduce((s, v) => s + v, 0),
      groups: [...groups.entries()]
        .map(([group, g]) => ({ group, ...g }))
        .sort((a, b) => b.selfMs - a.selfMs),
      top: [...selfByFile.entries()]
        .map(([f, selfMs]) => ({ module: rel(f), selfMs }))
        .sort((a, b) => b.selfMs - a.selfMs)
        .slice(0, topN),
      files: [...selfByFile.keys()].map(rel),
    };
  };
}
