/** Lambda actions behind `LambdaFunction.grantInvoke` and its resource-based permissions. */
export const LAMBDA_ACTIONS = {
  invoke: ['lambda:InvokeFunction'],
} as const;
