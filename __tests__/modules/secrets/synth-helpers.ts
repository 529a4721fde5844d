import { TerraformStack, Testing } from 'cdktf';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IGrantable } from '../../../modules/iam';
import { ValidationError } from '../../../modules/core';

/** A synthesized stack as plain JSON. */
export interface SynthJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly ephemeral?: Record<string, Record<string, Record<string, unknown>>>;
  readonly [key: string]: unknown;
}

/** A fresh stack with an AWS provider. */
export function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

/** The configs of every resource of `type`, without CDKTF metadata, in synthesis order. */
export function configs(json: SynthJson, type: string, mode: 'resource' | 'data' = 'resource') {
  const section = mode === 'resource' ? json.resource : (json.data ?? {});
  return Object.values(section[type] ?? {}).map((body) => {
    const config: Record<string, unknown> = { ...body };
    delete config['//'];
    return config;
  });
}

/** The one resource of `type` (fails when there are more or none). */
export function single(json: SynthJson, type: string, mode: 'resource' | 'data' = 'resource') {
  const all = configs(json, type, mode);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** Collects statements like a role would. */
export class Recorder implements IGrantable {
  public readonly statements: DataAwsIamPolicyDocumentStatement[] = [];
  addStatements(...s: DataAwsIamPolicyDocumentStatement[]): void {
    this.statements.push(...s);
  }
}

/** The ValidationError `fn` throws (fails when it throws nothing or something else). */
export function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

/** Arguments that put a secret value into the Terraform state (or the configuration). */
const SECRET_ARGUMENTS = ['password', 'master_password', 'secret_string', 'secret_binary'];
const WRITE_ONLY_ARGUMENTS = ['password_wo', 'master_password_wo', 'secret_string_wo'];

/**
 * Every place in a synthesized stack where a secret value could sit: a state-stored secret
 * argument (any value), or a write-only argument that is not an expression over an ephemeral
 * resource. An empty list means no secret value is anywhere in the JSON.
 */
export function secretValueFindings(json: SynthJson): string[] {
  const findings: string[] = [];
  for (const [type, byName] of Object.entries(json.resource)) {
    for (const [name, body] of Object.entries(byName)) {
      for (const arg of SECRET_ARGUMENTS) {
        if (body[arg] !== undefined) findings.push(`${type}.${name}.${arg}`);
      }
      for (const arg of WRITE_ONLY_ARGUMENTS) {
        const value = body[arg];
        if (value !== undefined && !(typeof value === 'string' && /^\$\{.*ephemeral\./.test(value))) {
          findings.push(`${type}.${name}.${arg} = ${JSON.stringify(value)}`);
        }
      }
    }
  }
  return findings;
}
