/** Amazon Bedrock actions behind `grantInvokeModel`. */
export const BEDROCK_ACTIONS = {
  /** InvokeModel also authorizes the Converse API; the stream variant, ConverseStream. */
  invokeModel: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
} as const;
