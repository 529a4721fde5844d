import { Fn, Token } from 'cdktf';

/** Partition, region and account of an ARN. */
export interface ArnComponents {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * Partition, region and account of an ARN that may only be known at apply time (e.g. a log group's
 * `arn` attribute): Terraform splits it on ':'. Modules make no AWS calls at plan time (no
 * `aws_caller_identity`), so this is how a policy names "this account and region" exactly.
 */
export function arnComponents(arn: string): ArnComponents {
  if (!Token.isUnresolved(arn)) {
    const [, partition = '', , region = '', account = ''] = arn.split(':');
    return { partition, region, account };
  }
  const parts = Fn.split(':', arn);
  const at = (i: number) => Token.asString(Fn.element(parts, i));
  return { partition: at(1), region: at(3), account: at(4) };
}

/** A 12-digit AWS account id. */
export const ACCOUNT_ID_RE = /^\d{12}$/;
