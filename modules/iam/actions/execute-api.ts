/** API Gateway execute-api actions behind `HttpApi.grantInvokeRoute` (IAM-authorized routes). */
export const EXECUTE_API_ACTIONS = {
  invoke: ['execute-api:Invoke'],
} as const;
