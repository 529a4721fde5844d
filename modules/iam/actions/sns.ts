/** Amazon SNS actions the grants in this package use. */
export const SNS_ACTIONS = {
  /** Publishing a message to a topic, scoped to the topic ARN. */
  publish: ['sns:Publish'],
} as const;
