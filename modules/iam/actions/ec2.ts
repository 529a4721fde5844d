/**
 * EC2 actions that services running in a VPC need on their execution role (Lambda hyperplane ENIs).
 */
export const EC2_ACTIONS = {
  /** Create, delete and (un)assign addresses of the function's network interfaces. */
  manageNetworkInterfaces: [
    'ec2:AssignPrivateIpAddresses',
    'ec2:CreateNetworkInterface',
    'ec2:DeleteNetworkInterface',
    'ec2:UnassignPrivateIpAddresses',
  ],
  /** Describe* supports no resource-level permission: IAM only accepts `*` (read-only). */
  describeNetworkInterfaces: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
} as const;
