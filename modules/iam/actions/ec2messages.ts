/**
 * EC2 Messages actions: the SSM agent's Run Command channel (modules/compose-host, and the
 * instance role in modules/iam). `ec2messages` has no resource types: `Resource: "*"`.
 */
export const EC2MESSAGES_ACTIONS = {
  agent: [
    'ec2messages:AcknowledgeMessage',
    'ec2messages:DeleteMessage',
    'ec2messages:FailMessage',
    'ec2messages:GetEndpoint',
    'ec2messages:GetMessages',
    'ec2messages:SendReply',
  ],
} as const;
