/** The built-in rule catalogue, in RULES.md order. */
import { PolicyRule } from '../types';
import { backupPlanRetention } from './backup-plan-retention';
import { backupVaultKms } from './backup-vault-kms';
import { cloudtrailCloudwatchLogs } from './cloudtrail-cloudwatch-logs';
import { cloudtrailKmsEncryption } from './cloudtrail-kms-encryption';
import { cloudtrailLogFileValidation } from './cloudtrail-log-file-validation';
import { cloudtrailMultiRegion } from './cloudtrail-multi-region';
import { cloudwatchAlarmActions } from './cloudwatch-alarm-actions';
import { dynamodbEncryption } from './dynamodb-encryption';
import { dynamodbPointInTimeRecovery } from './dynamodb-point-in-time-recovery';
import { ecrImmutableTags } from './ecr-immutable-tags';
import { ecrKmsEncryption } from './ecr-kms-encryption';
import { ecrPolicyNotPublic } from './ecr-policy-not-public';
import { ecrScanOnPush } from './ecr-scan-on-push';
import { ec2DetailedMonitoring } from './ec2-detailed-monitoring';
import { ec2EbsEncryption } from './ec2-ebs-encryption';
import { ec2Imdsv2Required } from './ec2-imdsv2-required';
import { ec2InstanceProfile } from './ec2-instance-profile';
import { ec2NoPublicIp } from './ec2-no-public-ip';
import { ec2NoSecretsInUserData } from './ec2-no-secrets-in-user-data';
import { iamNoAdministratorAccess } from './iam-no-administrator-access';
import { iamNoAllowNotAction } from './iam-no-allow-not-action';
import { iamNoServiceWildcards } from './iam-no-service-wildcards';
import { iamNoUserPolicies } from './iam-no-user-policies';
import { iamNoWildcardActions } from './iam-no-wildcard-actions';
import { iamNoWildcardResourceForWrite } from './iam-no-wildcard-resource-for-write';
import { kmsKeyRotation } from './kms-key-rotation';
import { logGroupKms } from './log-group-kms';
import { logGroupRetention } from './log-group-retention';
import { s3AccessLogging } from './s3-access-logging';
import { s3AclsDisabled } from './s3-acls-disabled';
import { s3BucketEncryption } from './s3-bucket-encryption';
import { s3BucketVersioning } from './s3-bucket-versioning';
import { s3LifecycleConfiguration } from './s3-lifecycle-configuration';
import { s3PublicAccessBlock } from './s3-public-access-block';
import { s3TlsOnlyPolicy } from './s3-tls-only-policy';
import { sgNoWorldAdminPorts } from './sg-no-world-admin-ports';
import { sgNoWorldAllTraffic } from './sg-no-world-all-traffic';
import { sgNoWorldRdp } from './sg-no-world-rdp';
import { sgNoWorldSsh } from './sg-no-world-ssh';
import { sgRuleDescriptions } from './sg-rule-descriptions';
import { snsAlarmTopicKey } from './sns-alarm-topic-key';
import { snsTopicEncryption } from './sns-topic-encryption';
import { stateBackendPreventDestroy } from './state-backend-prevent-destroy';
import { vpcDefaultSecurityGroupClosed } from './vpc-default-security-group-closed';
import { vpcFlowLogs } from './vpc-flow-logs';

export const ALL_RULES: readonly PolicyRule[] = [
  s3BucketEncryption,
  s3BucketVersioning,
  s3PublicAccessBlock,
  s3TlsOnlyPolicy,
  s3AccessLogging,
  s3LifecycleConfiguration,
  s3AclsDisabled,
  sgNoWorldSsh,
  sgNoWorldRdp,
  sgNoWorldAdminPorts,
  sgNoWorldAllTraffic,
  sgRuleDescriptions,
  vpcFlowLogs,
  vpcDefaultSecurityGroupClosed,
  ec2Imdsv2Required,
  ec2EbsEncryption,
  ec2NoPublicIp,
  ec2DetailedMonitoring,
  ec2InstanceProfile,
  ec2NoSecretsInUserData,
  iamNoWildcardActions,
  iamNoAllowNotAction,
  iamNoWildcardResourceForWrite,
  iamNoServiceWildcards,
  iamNoAdministratorAccess,
  iamNoUserPolicies,
  logGroupRetention,
  logGroupKms,
  cloudwatchAlarmActions,
  snsTopicEncryption,
  snsAlarmTopicKey,
  kmsKeyRotation,
  dynamodbPointInTimeRecovery,
  dynamodbEncryption,
  stateBackendPreventDestroy,
  cloudtrailMultiRegion,
  cloudtrailLogFileValidation,
  cloudtrailKmsEncryption,
  cloudtrailCloudwatchLogs,
  ecrImmutableTags,
  ecrScanOnPush,
  ecrKmsEncryption,
  ecrPolicyNotPublic,
  backupVaultKms,
  backupPlanRetention,
];

export {
  backupPlanRetention,
  backupVaultKms,
  cloudtrailCloudwatchLogs,
  cloudtrailKmsEncryption,
  cloudtrailLogFileValidation,
  cloudtrailMultiRegion,
  cloudwatchAlarmActions,
  dynamodbEncryption,
  dynamodbPointInTimeRecovery,
  ec2DetailedMonitoring,
  ec2EbsEncryption,
  ec2Imdsv2Required,
  ec2InstanceProfile,
  ec2NoPublicIp,
  ec2NoSecretsInUserData,
  ecrImmutableTags,
  ecrKmsEncryption,
  ecrPolicyNotPublic,
  ecrScanOnPush,
  iamNoAdministratorAccess,
  iamNoAllowNotAction,
  iamNoServiceWildcards,
  iamNoUserPolicies,
  iamNoWildcardActions,
  iamNoWildcardResourceForWrite,
  kmsKeyRotation,
  logGroupKms,
  logGroupRetention,
  s3AccessLogging,
  s3AclsDisabled,
  s3BucketEncryption,
  s3BucketVersioning,
  s3LifecycleConfiguration,
  s3PublicAccessBlock,
  s3TlsOnlyPolicy,
  sgNoWorldAdminPorts,
  sgNoWorldAllTraffic,
  sgNoWorldRdp,
  sgNoWorldSsh,
  sgRuleDescriptions,
  snsAlarmTopicKey,
  snsTopicEncryption,
  stateBackendPreventDestroy,
  vpcDefaultSecurityGroupClosed,
  vpcFlowLogs,
};
export { ADMIN_PORTS } from './sg-no-world-admin-ports';
export { STATE_BACKEND_TAG } from './state-backend-prevent-destroy';
export {
  WRITE_VERBS,
  RESOURCE_UNSCOPED_ACTIONS,
  RESOURCE_UNSCOPED_SERVICES,
  isWriteAction,
} from './iam-no-wildcard-resource-for-write';
