/** AWS Systems Manager actions the grants in this package use. */
export const SSM_ACTIONS = {
  /**
   * The actions of AmazonSSMManagedInstanceCore except `ssm:GetParameter(s)` (which it grants on
   * every parameter). All are agent-to-service calls without resource-level permissions (`*`):
   * registering the instance, fetching Run Command messages, opening Session Manager channels.
   */
  agent: [
    'ssm:DescribeAssociation',
    'ssm:GetDeployablePatchSnapshotForInstance',
    'ssm:GetDocument',
    'ssm:DescribeDocument',
    'ssm:GetManifest',
    'ssm:ListAssociations',
    'ssm:ListInstanceAssociations',
    'ssm:PutInventory',
    'ssm:PutComplianceItems',
    'ssm:PutConfigurePackageResult',
    'ssm:UpdateAssociationStatus',
    'ssm:UpdateInstanceAssociationStatus',
    'ssm:UpdateInstanceInformation',
    'ssmmessages:CreateControlChannel',
    'ssmmessages:CreateDataChannel',
    'ssmmessages:OpenControlChannel',
    'ssmmessages:OpenDataChannel',
    'ec2messages:AcknowledgeMessage',
    'ec2messages:DeleteMessage',
    'ec2messages:FailMessage',
    'ec2messages:GetEndpoint',
    'ec2messages:GetMessages',
    'ec2messages:SendReply',
  ],
  /**
   * A secret the host generates once and reads at every boot: read it, and create it when it is
   * missing (no overwrite flag is ever passed, so an existing value is never replaced).
   */
  generatedSecret: ['ssm:GetParameter', 'ssm:PutParameter'],
} as const;
