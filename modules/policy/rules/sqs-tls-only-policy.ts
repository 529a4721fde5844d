import { PolicyStatement, readPolicyDocument } from '../iam-policy';
import { compliant, nonCompliant } from '../outcome';
import { parseExactReference, referenceAddress } from '../references';
import { Json, PolicyRule, TfBlock } from '../types';

const POLICY_TYPE = 'aws_sqs_queue_policy';

/** A literal SQS queue ARN; the region and account may be `*`: `arn:<partition>:sqs:<region>:<account>:<name>`. */
const QUEUE_ARN_RE = /^arn:aws[a-z-]*:sqs:(?:[a-z0-9-]+|\*):(?:\d{12}|\*):([A-Za-z0-9_-]+(?:\.fifo)?)$/;

/**
 * True when `resource` is `*`, a reference to the queue's `arn`, or a literal ARN naming the queue
 * (possible only for a queue with a literal `name`; the account is not known at synth).
 */
function coversQueue(resource: string, queue: TfBlock): boolean {
  if (resource === '*') return true;
  const ref = parseExactReference(resource);
  if (ref !== undefined) return referenceAddress(ref) === queue.address && ref.attribute === 'arn';
  const name = queue.config.name;
  return typeof name === 'string' && QUEUE_ARN_RE.exec(resource)?.[1] === name;
}

function deniesInsecureTransport(st: PolicyStatement, queue: TfBlock): boolean {
  const everyone = st.principals.some(
    (p) => (p.type === '*' || p.type === 'AWS') && p.identifiers.includes('*'),
  );
  const allSqs = st.actions.some((a) => a === '*' || a.toLowerCase() === 'sqs:*');
  const insecure = st.conditions.some(
    (c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && c.values.includes('false'),
  );
  return (
    st.effect === 'Deny' && everyone && allSqs && insecure && st.resources.some((r) => coversQueue(r, queue))
  );
}

export const sqsTlsOnlyPolicy: PolicyRule = {
  id: 'MLM-SQS-002',
  title: 'SQS queue policies deny requests that do not use TLS (aws:SecureTransport = false)',
  rationale:
    'SQS accepts plain-HTTP requests unless the queue policy denies them; a Deny on ' +
    'aws:SecureTransport = false keeps messages and request signatures off the wire unencrypted.',
  level: 'error',
  fix:
    `attach an ${POLICY_TYPE} with a statement: Effect Deny, Principal "*", Action "sqs:*", Resource the ` +
    'queue ARN, Condition Bool aws:SecureTransport = "false" (Queue adds it)',
  appliesTo: ['aws_sqs_queue'],
  check: (ctx) => {
    const policies: Json[] = ctx.stack
      .attachedTo(ctx.resource, POLICY_TYPE, 'queue_url')
      .map((p) => p.config.policy);
    if (ctx.resource.config.policy !== undefined && ctx.resource.config.policy !== null) {
      policies.push(ctx.resource.config.policy);
    }
    if (policies.length === 0) return nonCompliant(`no ${POLICY_TYPE} points at this queue`);
    const unreadable: string[] = [];
    for (const policy of policies) {
      const doc = readPolicyDocument(policy, ctx.stack);
      if (!doc.ok) unreadable.push(doc.reason);
      else if (doc.statements.some((st) => deniesInsecureTransport(st, ctx.resource))) return compliant();
    }
    if (unreadable.length > 0)
      return nonCompliant(`the queue policy can't be checked (${unreadable.join('; ')})`);
    return nonCompliant(
      'the queue policy has no Deny statement for Principal "*", Action "sqs:*" with Bool ' +
        'aws:SecureTransport = "false" covering the queue ARN',
    );
  },
};
