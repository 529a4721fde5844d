import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import YAML from 'yaml';
import {
  ComposeHost,
  ComposeHostProps,
  DEFAULT_COMPOSE_VERSION,
  hostPaths,
} from '../../../modules/compose-host';
import { HostRenderContext } from '../../../modules/compose-host/render/context';
import { cloudConfigFiles, userDataText } from '../../../modules/policy/user-data';

/**
 * The boundary test of the module: seed 003's option 3, one EC2 host running Postgres and Redis
 * in Compose, built from nothing mlmon-specific.
 */
export function shopProps(overrides: Partial<ComposeHostProps> = {}): ComposeHostProps {
  return {
    name: 'shop-dev-db',
    region: 'eu-west-1',
    subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
    securityGroupIds: ['sg-0123456789abcdef0'],
    instanceType: 't3.medium',
    project: 'shop',
    compose: {
      services: {
        db: {
          image: 'postgres:16.4',
          restart: 'unless-stopped',
          env_file: ['db.env'],
          ports: ['5432:5432'],
          volumes: ['pg-data:/var/lib/postgresql/data'],
        },
        cache: { image: 'redis:7.4.0', restart: 'unless-stopped', ports: ['127.0.0.1:6379:6379'] },
      },
      volumes: { 'pg-data': {} },
    },
    ...overrides,
  };
}

export type Block = Record<string, unknown>;
export interface SynthJson {
  resource?: Record<string, Record<string, Block>>;
  data?: Record<string, Record<string, Block>>;
}

/** Builds the host in a fresh stack and synthesizes it once. */
export function buildHost(props: ComposeHostProps): { host: ComposeHost; text: string; json: SynthJson } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: props.region });
  const host = new ComposeHost(stack, 'host', props);
  const text = Testing.synth(stack);
  return { host, text, json: JSON.parse(text) as SynthJson };
}

export function only(json: SynthJson, type: string): Block {
  const all = Object.values(json.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

export function count(json: SynthJson, type: string): number {
  return Object.keys(json.resource?.[type] ?? {}).length;
}

/** The launch template's user data as cloud-init sees it (references shown as `${...}`). */
export function userData(json: SynthJson): string {
  const text = userDataText(only(json, 'aws_launch_template').user_data as string);
  if (text === undefined) throw new Error('user data is not readable');
  return text;
}

/** The files the cloud-config writes, by path. */
export function userDataFiles(json: SynthJson): Record<string, string> {
  return Object.fromEntries(cloudConfigFiles(userData(json)).map((f) => [f.path, f.content]));
}

export interface Statement {
  sid: string;
  actions: string[];
  resources: string[];
  condition?: { test: string; variable: string; values: string[] }[];
}

/** Statements of the role's inline policy document, by sid. */
export function roleStatements(json: SynthJson, documentPath = 'policy-document'): Record<string, Statement> {
  const docs = Object.entries(json.data?.aws_iam_policy_document ?? {}).filter(([k]) =>
    k.includes(documentPath),
  );
  if (docs.length !== 1) throw new Error(`expected one policy document, found ${docs.length}`);
  const statements = (docs[0][1] as { statement: Statement[] }).statement;
  return Object.fromEntries(statements.map((s) => [s.sid, s]));
}

/** A YAML file of the user data, parsed. */
export function yamlFile<T>(files: Record<string, string>, path: string): T {
  const content = files[path];
  if (content === undefined) throw new Error(`no file ${path} in user data`);
  return YAML.parse(content) as T;
}

/** A render context for the host files of project `shop`: one Postgres service, nothing optional. */
export function renderContext(overrides: Partial<HostRenderContext> = {}): HostRenderContext {
  return {
    project: 'shop',
    region: 'eu-west-1',
    os: 'al2023',
    mode: 'instance',
    paths: hostPaths('shop'),
    compose: { services: { db: { image: 'postgres:16.4' } } },
    files: [],
    secrets: [],
    downloads: [],
    ecrRegistries: [],
    claimElasticIp: false,
    composePlugin: { version: DEFAULT_COMPOSE_VERSION },
    retry: { attempts: 5, baseDelayInSeconds: 5 },
    ...overrides,
  };
}
