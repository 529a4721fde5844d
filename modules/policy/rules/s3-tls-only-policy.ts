import { PolicyStatement, readPolicyDocument } from '../iam-policy';
import { compliant, nonCompliant } from '../outcome';
import { parseExactReference, referenceAddress } from '../references';
import { bucketResources, noneFound } from '../s3';
import { PolicyRule, TfBlock } from '../types';

const POLICY_TYPE = 'aws_s3_bucket_policy';

/** What one `Resource` entry of a statement covers of the bucket: the bucket, its objects, or both. */
function coverage(resource: string, bucket: TfBlock): { bucket: boolean; objects: boolean } {
  if (resource === '*') return { bucket: true, objects: true };
  const name = bucket.config.bucket;
  const arn = typeof name === 'string' ? `arn:aws:s3:::${name}` : undefined;
  const [head, suffix] = resource.endsWith('/*') ? [resource.slice(0, -2), '/*'] : [resource, ''];
  const ref = parseExactReference(head);
  const isBucketArn =
    (ref !== undefined && referenceAddress(ref) === bucket.address && ref.attribute === 'arn') ||
    head === arn;
  return { bucket: isBucketArn && suffix === '', objects: isBucketArn && suffix === '/*' };
}

function deniesInsecureTransport(st: PolicyStatement, bucket: TfBlock): boolean {
  const everyone = st.principals.some(
    (p) => (p.type === '*' || p.type === 'AWS') && p.identifiers.includes('*'),
  );
  const allS3 = st.actions.some((a) => a === '*' || a.toLowerCase() === 's3:*');
  const insecure = st.conditions.some(
    (c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && c.values.includes('false'),
  );
  const cover = st.resources.map((r) => coverage(r, bucket));
  return (
    st.effect === 'Deny' &&
    everyone &&
    allS3 &&
    insecure &&
    cover.some((c) => c.bucket) &&
    cover.some((c) => c.objects)
  );
}

export const s3TlsOnlyPolicy: PolicyRule = {
  id: 'MLM-S3-004',
  title: 'S3 bucket policies deny requests that do not use TLS (aws:SecureTransport = false)',
  rationale:
    'S3 accepts plain-HTTP requests unless the bucket policy denies them; a Deny on ' +
    'aws:SecureTransport = false for the bucket and its objects keeps data and credentials off the ' +
    'wire unencrypted (cdk-nag AwsSolutions-S10).',
  level: 'error',
  fix:
    `attach an ${POLICY_TYPE} with a statement: Effect Deny, Principal "*", Action "s3:*", Resource ` +
    '[bucket ARN, "<bucket ARN>/*"], Condition Bool aws:SecureTransport = "false" (SecureBucket adds it)',
  appliesTo: ['aws_s3_bucket'],
  check: (ctx) => {
    const policies = bucketResources(ctx, POLICY_TYPE);
    if (policies.length === 0) return nonCompliant(noneFound(POLICY_TYPE));
    const unreadable: string[] = [];
    for (const p of policies) {
      const doc = readPolicyDocument(p.config.policy, ctx.stack);
      if (!doc.ok) unreadable.push(`${p.address}: ${doc.reason}`);
      else if (doc.statements.some((st) => deniesInsecureTransport(st, ctx.resource))) return compliant();
    }
    if (unreadable.length > 0)
      return nonCompliant(`the bucket policy can't be checked (${unreadable.join('; ')})`);
    return nonCompliant(
      'the bucket policy has no Deny statement for Principal "*", Action "s3:*" with Bool ' +
        'aws:SecureTransport = "false" covering both the bucket ARN and "<bucket ARN>/*"',
    );
  },
};
