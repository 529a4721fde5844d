/** Amazon EC2 actions the grants in this package use. */
export const EC2_ACTIONS = {
  /**
   * Moving an Elastic IP onto an instance (`aws ec2 associate-address`). IAM evaluates it against
   * the address, the instance and its network interface, so all three ARNs must be allowed.
   */
  associateAddress: ['ec2:AssociateAddress'],
  /**
   * What the CloudWatch agent reads to resolve `${aws:AutoScalingGroupName}`. Describe actions
   * support no resource-level permissions (`Resource: "*"`); they only read metadata.
   */
  describeTags: ['ec2:DescribeTags'],
  /** Lambda functions in a VPC: create, delete and (un)assign addresses of their network interfaces. */
  manageNetworkInterfaces: [
    'ec2:AssignPrivateIpAddresses',
    'ec2:CreateNetworkInterface',
    'ec2:DeleteNetworkInterface',
    'ec2:UnassignPrivateIpAddresses',
  ],
  /** Describe* supports no resource-level permission: IAM only accepts `*` (read-only). */
  describeNetworkInterfaces: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
} as const;
