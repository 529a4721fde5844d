/**
 * AWS Systems Manager actions, by purpose. Used by the ECS task execution role
 * (modules/ecs-fargate), the Compose host's instance role (modules/compose-host) and
 * `StringParameter.grantRead` (modules/ssm).
 */
export const SSM_ACTIONS = {
  /**
   * What ECS calls to inject parameters into containers (`secrets` with an SSM parameter ARN);
   * scoped to parameter ARNs. Not `GetParametersByPath`: ECS reads named parameters only.
   */
  injectParameters: ['ssm:GetParameters'],
  /** Read named parameters (one or several per call); scoped to parameter ARNs. Not by path. */
  readParameter: ['ssm:GetParameter', 'ssm:GetParameters'],
  /**
   * The `ssm:` actions of AmazonSSMManagedInstanceCore except `ssm:GetParameter(s)` (which it
   * grants on every parameter): the SSM agent registering the instance, fetching associations and
   * documents, reporting inventory. No resource-level permissions: `Resource: "*"`. The agent also
   * needs `SSMMESSAGES_ACTIONS.sessionChannels` and `EC2MESSAGES_ACTIONS.agent`.
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
  ],
  /**
   * A secret the host generates once and reads at every boot: read it, and create it when it is
   * missing (no overwrite flag is ever passed, so an existing value is never replaced).
   */
  generatedSecret: ['ssm:GetParameter', 'ssm:PutParameter'],
} as const;
