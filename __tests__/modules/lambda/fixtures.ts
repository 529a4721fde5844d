import type { LambdaFunctionProps } from '../../../modules/lambda';

/** An ECR image referenced by digest. */
const DIGEST = `sha256:${'a'.repeat(64)}`;
export const IMAGE = `111122223333.dkr.ecr.us-east-1.amazonaws.com/mlnews/inference@${DIGEST}`;

/** A .zip function in S3: the props the LambdaFunction tests start from. */
export const ZIP: LambdaFunctionProps = {
  functionName: 'mlnews-dev-inference',
  code: { s3: { bucketName: 'mlnews-artifacts', key: 'functions/inference/1.4.2.zip' } },
  runtime: 'python3.12',
  handler: 'app.handler',
};
