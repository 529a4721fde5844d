import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Validator } from '../core/validation';
import { IGrantable } from '../iam/grants';
import { BEDROCK_ACTIONS } from '../iam/actions/bedrock';

/** The kinds of Bedrock resources that can be invoked. */
export type BedrockModelArnKind =
  'foundation-model' | 'inference-profile' | 'application-inference-profile' | 'provisioned-model';

/** A parsed model ARN. */
export interface ParsedModelArn {
  readonly kind: BedrockModelArnKind;
  readonly partition: string;
  readonly region: string;
  /** Empty for foundation models (they belong to no account). */
  readonly account: string;
  /** Model id (foundation models and system inference profiles), e.g. `anthropic.claude-3-haiku-20240307-v1:0`. */
  readonly modelId?: string;
  /** Geography prefix of a system (cross-region) inference profile, e.g. `us`, `eu`, `apac`, `global`. */
  readonly geography?: string;
}

/** `provider.model[-version][:n]`, e.g. `anthropic.claude-3-haiku-20240307-v1:0`, `amazon.titan-embed-text-v2:0`. */
const MODEL_ID = '([a-z0-9-]+\\.[a-z0-9][a-z0-9.-]*(?::[0-9a-z]+)*)';
const PARTITION = '(aws|aws-cn|aws-us-gov)';
const REGION = '([a-z]{2}(?:-gov)?-[a-z]+-\\d)';
const FOUNDATION_MODEL_RE = new RegExp(`^arn:${PARTITION}:bedrock:${REGION}::foundation-model/${MODEL_ID}$`);
const INFERENCE_PROFILE_RE = new RegExp(
  `^arn:${PARTITION}:bedrock:${REGION}:(\\d{12}):inference-profile/(us|eu|apac|us-gov|jp|au|ca|global)\\.${MODEL_ID}$`,
);
const APPLICATION_PROFILE_RE = new RegExp(
  `^arn:${PARTITION}:bedrock:${REGION}:(\\d{12}):application-inference-profile/[a-z0-9]{12}$`,
);
const PROVISIONED_MODEL_RE = new RegExp(
  `^arn:${PARTITION}:bedrock:${REGION}:(\\d{12}):provisioned-model/[a-z0-9]{12}$`,
);

/** Parses a Bedrock model, inference-profile or provisioned-model ARN; undefined when it is none. */
export function parseModelArn(arn: string): ParsedModelArn | undefined {
  let m = FOUNDATION_MODEL_RE.exec(arn);
  if (m) return { kind: 'foundation-model', partition: m[1], region: m[2], account: '', modelId: m[3] };
  m = INFERENCE_PROFILE_RE.exec(arn);
  if (m) {
    return {
      kind: 'inference-profile',
      partition: m[1],
      region: m[2],
      account: m[3],
      geography: m[4],
      modelId: m[5],
    };
  }
  m = APPLICATION_PROFILE_RE.exec(arn);
  if (m) return { kind: 'application-inference-profile', partition: m[1], region: m[2], account: m[3] };
  m = PROVISIONED_MODEL_RE.exec(arn);
  if (m) return { kind: 'provisioned-model', partition: m[1], region: m[2], account: m[3] };
  return undefined;
}

/** ARN of a foundation model in a region, e.g. `foundationModelArn('us-east-1', 'anthropic.claude-3-haiku-20240307-v1:0')`. */
export function foundationModelArn(region: string, modelId: string, partition = 'aws'): string {
  return `arn:${partition}:bedrock:${region}::foundation-model/${modelId}`;
}

/**
 * Lets the grantee call `bedrock:InvokeModel` and `bedrock:InvokeModelWithResponseStream` (and so
 * Converse / ConverseStream) on the listed models only.
 *
 * `modelArns` takes foundation-model ARNs
 * (`arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`), system
 * cross-region inference profiles (`arn:aws:bedrock:us-east-1:<account>:inference-profile/us.<model id>`),
 * application inference profiles and provisioned models. Wildcards are refused.
 *
 * A cross-region inference profile routes a request to the model in any region of its geography,
 * and Bedrock then checks the permission on that region's foundation model too. So for each
 * profile a second statement allows the profile's model in every region (`arn:aws:bedrock:*::
 * foundation-model/<model id>`), but only when called through that profile (condition
 * `bedrock:InferenceProfileArn`): the model can't be called directly in a region you did not list.
 * Application inference profiles and provisioned models wrap a model this can't see: list the
 * underlying foundation-model ARNs as well.
 */
export function grantInvokeModel(grantee: IGrantable, modelArns: readonly string[]): void {
  const node = (grantee as Partial<IConstruct>).node;
  const v = new Validator(node ? `${node.path} (grantInvokeModel)` : 'grantInvokeModel');
  v.check(modelArns.length > 0, 'modelArns', modelArns, 'is empty', 'list the model ARNs the workload calls');
  const literal = modelArns.filter((a) => !Token.isUnresolved(a));
  const bad = literal.filter((a) => parseModelArn(a) === undefined);
  v.check(
    bad.length === 0,
    'modelArns',
    bad,
    'has entries that are not Bedrock model ARNs (wildcards are refused)',
    'use "arn:aws:bedrock:<region>::foundation-model/<model id>" or ' +
      '"arn:aws:bedrock:<region>:<account>:inference-profile/<geo>.<model id>"',
  );
  const dupes = modelArns.filter((a, i) => modelArns.indexOf(a) !== i);
  v.check(dupes.length === 0, 'modelArns', dupes, 'lists a model more than once', 'list each ARN once');
  v.throwIfInvalid();

  const statements: DataAwsIamPolicyDocumentStatement[] = [
    {
      sid: 'BedrockInvokeModel',
      effect: 'Allow',
      actions: [...BEDROCK_ACTIONS.invokeModel],
      resources: [...modelArns],
    },
  ];
  for (const arn of literal) {
    const parsed = parseModelArn(arn);
    if (parsed?.kind !== 'inference-profile' || parsed.modelId === undefined) continue;
    statements.push({
      sid: 'BedrockInvokeModelThroughProfile',
      effect: 'Allow',
      actions: [...BEDROCK_ACTIONS.invokeModel],
      // Every region of the profile's geography (global profiles route to regionless ARNs too).
      resources: [foundationModelArn('*', parsed.modelId, parsed.partition)],
      condition: [{ test: 'StringEquals', variable: 'bedrock:InferenceProfileArn', values: [arn] }],
    });
  }
  grantee.addStatements(...statements);
}
