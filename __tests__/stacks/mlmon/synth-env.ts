import { Testing } from 'cdktf';
import YAML from 'yaml';
import { MlmonStack } from '../../../stacks/mlmon/mlmon-stack';
import { PROJECT } from '../../../stacks/mlmon/environments';
import { EnvironmentConfig } from '../../../stacks/mlmon/config';
import { DEFAULT_STATE_BACKEND } from '../../../backend/settings';
import { cloudConfigFiles, userDataText } from '../../../modules/policy/user-data';

export type Block = Record<string, unknown>;
export interface StackJson {
  resource: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
  output: Record<string, Block>;
}

export interface SynthesizedEnv {
  readonly stack: MlmonStack;
  readonly text: string;
  readonly json: StackJson;
  /** The user data as cloud-init reads it; Terraform references appear as `${<reference>}`. */
  readonly userData: string;
  /** The files the user data writes, by absolute path. */
  readonly files: Record<string, string>;
}

/** Synthesizes one environment stack. */
export function synthEnv(cfg: EnvironmentConfig): SynthesizedEnv {
  const stack = new MlmonStack(Testing.app(), `mlmon-${cfg.name}`, {
    project: PROJECT,
    environment: cfg,
    stateBackend: DEFAULT_STATE_BACKEND,
  });
  const text = Testing.synth(stack);
  const json = JSON.parse(text) as StackJson;
  const templates = Object.values(json.resource.aws_launch_template ?? {});
  if (templates.length !== 1) throw new Error(`expected one launch template, found ${templates.length}`);
  const userData = userDataText(templates[0].user_data as string);
  if (userData === undefined) throw new Error('unreadable user data');
  const files = Object.fromEntries(cloudConfigFiles(userData).map((f) => [f.path, f.content]));
  return { stack, text, json, userData, files };
}

/** A YAML file of the user data, parsed. */
export function yamlOf<T>(env: SynthesizedEnv, path: string): T {
  const content = env.files[path];
  if (content === undefined) throw new Error(`no ${path} in the user data`);
  return YAML.parse(content) as T;
}

/** The one resource of a type whose construct id starts with `prefix`. */
export function resource(json: StackJson, type: string, prefix = ''): { id: string; config: Block } {
  const hits = Object.entries(json.resource[type] ?? {}).filter(([id]) => id.startsWith(prefix));
  if (hits.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${hits.length}`);
  return { id: hits[0][0], config: hits[0][1] };
}

/** `${type.id.attr}` */
export const ref = (type: string, id: string, attr: string): string => `\${${type}.${id}.${attr}}`;

export interface Statement {
  sid: string;
  actions: string[];
  resources: string[];
  condition?: { test: string; variable: string; values: string[] }[];
}

/** The host role's inline policy statements, by sid. */
export function hostRoleStatements(json: StackJson): Record<string, Statement> {
  const doc = Object.entries(json.data.aws_iam_policy_document).find(([k]) =>
    k.startsWith('app_role_policy-document'),
  );
  if (!doc) throw new Error('no host role policy document');
  return Object.fromEntries((doc[1].statement as Statement[]).map((s) => [s.sid, s]));
}
