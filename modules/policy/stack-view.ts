import { blocks, isObject } from './json';
import { interpolations, parseExactReference, parseReferences, referenceAddress } from './references';
import { Json, JsonObject, StackView, TfBlock } from './types';

/** Every string inside a value (lists and objects are walked). */
function allStrings(value: Json | undefined, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (isObject(value)) Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}

function readBlocks(mode: 'resource' | 'data', section: Json | undefined): TfBlock[] {
  const result: TfBlock[] = [];
  if (!isObject(section)) return result;
  for (const [type, byName] of Object.entries(section)) {
    if (!isObject(byName)) continue;
    for (const [name, body] of Object.entries(byName)) {
      if (!isObject(body)) continue;
      const { '//': meta, ...config } = body;
      const metadata = isObject(meta) ? meta.metadata : undefined;
      const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
      const path = isObject(metadata) && typeof metadata.path === 'string' ? metadata.path : address;
      result.push({ mode, type, name, address, path, config });
    }
  }
  return result;
}

function stringMap(value: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Builds the {@link StackView} of a synthesized stack (`TerraformStack.toTerraform()`). */
export function createStackView(stackName: string, terraform: JsonObject): StackView {
  const resources = readBlocks('resource', terraform.resource);
  const dataSources = readBlocks('data', terraform.data);
  const byAddress = new Map<string, TfBlock>();
  [...resources, ...dataSources].forEach((b) => byAddress.set(b.address, b));

  // Default tags per AWS provider configuration, keyed by alias ('' = the default configuration).
  const defaultTags = new Map<string, Record<string, string>>();
  const providers = isObject(terraform.provider) ? terraform.provider.aws : undefined;
  for (const p of blocks(providers)) {
    const alias = typeof p.alias === 'string' ? p.alias : '';
    const tags: Record<string, string> = {};
    for (const dt of blocks(p.default_tags)) Object.assign(tags, stringMap(dt.tags));
    defaultTags.set(alias, tags);
  }

  const referencedIn = (value: Json | undefined): TfBlock[] => {
    const found: TfBlock[] = [];
    for (const s of allStrings(value)) {
      for (const ref of parseReferences(s)) {
        const block = byAddress.get(referenceAddress(ref));
        if (block && !found.includes(block)) found.push(block);
      }
    }
    return found;
  };

  const pointsAt = (
    value: Json | undefined,
    target: TfBlock,
    literalAttributes: readonly string[] = [],
  ): boolean =>
    allStrings(value).some((s) => {
      const refs = parseReferences(s);
      if (refs.length > 0) return refs.some((r) => referenceAddress(r) === target.address);
      return literalAttributes.some((attr) => target.config[attr] === s);
    });

  const variables = isObject(terraform.variable) ? terraform.variable : {};
  const literalValue = (value: Json | undefined): Json | undefined => {
    if (typeof value !== 'string') return undefined;
    let found: Json | undefined;
    const variable = /^\$\{\s*var\.([A-Za-z_][\w-]*)\s*\}$/.exec(value);
    if (variable) {
      const declared = variables[variable[1]];
      found = isObject(declared) ? declared.default : undefined;
    } else {
      const ref = parseExactReference(value);
      const block = ref ? byAddress.get(referenceAddress(ref)) : undefined;
      found = ref?.attribute !== undefined && block ? block.config[ref.attribute] : undefined;
    }
    // A value that holds references is no more literal than the one it replaced.
    return found === null || allStrings(found).some((s) => interpolations(s).length > 0) ? undefined : found;
  };

  return {
    stackName,
    literalValue,
    resources: (type) => (type === undefined ? resources : resources.filter((r) => r.type === type)),
    dataSources: (type) => (type === undefined ? dataSources : dataSources.filter((d) => d.type === type)),
    resolve: (value) => {
      if (typeof value !== 'string') return undefined;
      const ref = parseExactReference(value);
      return ref ? byAddress.get(referenceAddress(ref)) : undefined;
    },
    referencedIn,
    pointsAt,
    attachedTo: (target, type, attribute, literalAttributes) =>
      resources.filter((r) => r.type === type && pointsAt(r.config[attribute], target, literalAttributes)),
    effectiveTags: (block) => {
      const provider = typeof block.config.provider === 'string' ? block.config.provider : '';
      const alias = provider
        .replace(/^\$\{/, '')
        .replace(/\}$/, '')
        .replace(/^aws\.?/, '');
      return { ...(defaultTags.get(alias) ?? {}), ...stringMap(block.config.tags) };
    },
  };
}
