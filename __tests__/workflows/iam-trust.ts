import { GITHUB_OIDC_HOST } from '../../backend/github-oidc';

/** An IAM policy in its JSON form (what Terraform renders and AWS evaluates). */
export interface IamPolicy {
  Statement: Array<{
    Effect: string;
    Action?: string | string[];
    Principal?: { Federated?: string | string[] };
    Condition?: Record<string, Record<string, string | string[]>>;
  }>;
}

/** A statement of a synthesized `aws_iam_policy_document` data source. */
export interface SynthStatement {
  sid?: string;
  effect?: string;
  actions?: string[];
  not_actions?: string[];
  resources?: string[];
  principals?: Array<{ type: string; identifiers: string[] }>;
  condition?: Array<{ test: string; variable: string; values: string[] }>;
}

/** The claims of a GitHub Actions OIDC token that the trust policies look at. */
export interface GithubToken {
  readonly sub: string;
  readonly aud: string;
}

export const token = (sub: string, aud = 'sts.amazonaws.com'): GithubToken => ({ sub, aud });

/** Synthesized `aws_iam_policy_document` statements as the IAM JSON Terraform renders from them. */
export function toIam(statements: SynthStatement[]): IamPolicy {
  return {
    Statement: statements.map((st) => {
      const condition: Record<string, Record<string, string[]>> = {};
      for (const c of st.condition ?? []) (condition[c.test] ??= {})[c.variable] = c.values;
      return {
        Effect: st.effect ?? 'Allow',
        Action: st.actions,
        Principal: { Federated: st.principals?.find((p) => p.type === 'Federated')?.identifiers },
        Condition: condition,
      };
    }),
  };
}

const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const like = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(value);

/**
 * Whether STS lets a GitHub OIDC token with these claims assume a role with this trust policy:
 * some Allow statement for `sts:AssumeRoleWithWebIdentity` (from `providerArn`, when given) whose
 * every condition holds. Supports the operators a web-identity trust policy uses (StringEquals,
 * StringLike); any other operator or condition key throws rather than being guessed.
 */
export function canAssume(trust: IamPolicy, claims: GithubToken, providerArn?: string): boolean {
  return trust.Statement.some((st) => {
    if (st.Effect !== 'Allow' || !asList(st.Action).includes('sts:AssumeRoleWithWebIdentity')) return false;
    if (providerArn && !asList(st.Principal?.Federated).includes(providerArn)) return false;
    return Object.entries(st.Condition ?? {}).every(([op, byKey]) =>
      Object.entries(byKey).every(([key, values]) => {
        const claim =
          key === `${GITHUB_OIDC_HOST}:sub`
            ? claims.sub
            : key === `${GITHUB_OIDC_HOST}:aud`
              ? claims.aud
              : undefined;
        if (claim === undefined) throw new Error(`condition on unexpected key ${key}`);
        if (op === 'StringEquals') return asList(values).includes(claim);
        if (op === 'StringLike') return asList(values).some((p) => like(p, claim));
        throw new Error(`unexpected operator ${op}`);
      }),
    );
  });
}
