/** The built-in rule catalogue, in RULES.md order. */
import { PolicyRule } from '../types';
import { backupPlanRetention } from './backup-plan-retention';
import { backupVaultKms } from './backup-vault-kms';
import { cloudtrailCloudwatchLogs } from './cloudtrail-cloudwatch-logs';
import { cloudtrailKmsEncryption } from './cloudtrail-kms-encryption';
import { cloudtrailLogFileValidation } from './cloudtrail-log-file-validation';
import { cloudtrailMultiRegion } from './cloudtrail-multi-region';
import { apigwAccessLogging } from './apigw-access-logging';
import { apigwDomainTls } from './apigw-domain-tls';
import { apigwRouteAuthorization } from './apigw-route-authorization';
import { apigwStageThrottling } from './apigw-stage-throttling';
import { dynamodbCustomerManagedKey } from './dynamodb-customer-managed-key';
import { dynamodbDeletionProtection } from './dynamodb-deletion-protection';
import { lambdaCodeSigning } from './lambda-code-signing';
import { lambdaDeadLetterQueue } from './lambda-dead-letter-queue';
import { lambdaEnvironmentKms } from './lambda-environment-kms';
import { lambdaNoSecretsInEnvironment } from './lambda-no-secrets-in-environment';
import { lambdaPermissionSource } from './lambda-permission-source';
import { lambdaReservedConcurrency } from './lambda-reserved-concurrency';
import { lambdaXrayTracing } from './lambda-xray-tracing';
import { sqsEncryption } from './sqs-encryption';
import { sqsTlsOnlyPolicy } from './sqs-tls-only-policy';
import { acmCreateBeforeDestroy } from './acm-create-before-destroy';
import { acmDnsValidation } from './acm-dns-validation';
import { acmNoWildcard } from './acm-no-wildcard';
import { acmTransparencyLogging } from './acm-transparency-logging';
import { albAccessLogging } from './alb-access-logging';
import { albDeletionProtection } from './alb-deletion-protection';
import { albDesyncMitigation } from './alb-desync-mitigation';
import { albDropInvalidHeaders } from './alb-drop-invalid-headers';
import { albHttpsRedirect } from './alb-https-redirect';
import { albListenerHttps } from './alb-listener-https';
import { albTargetGroupHealthCheck } from './alb-target-group-health-check';
import { albTlsPolicy } from './alb-tls-policy';
import { albWaf } from './alb-waf';
import { route53ARecordAttached } from './route53-a-record-attached';
import { cloudfrontViewerHttps } from './cloudfront-viewer-https';
import { cloudfrontMinimumTls } from './cloudfront-minimum-tls';
import { cloudfrontAccessLogging } from './cloudfront-access-logging';
import { cloudfrontWaf } from './cloudfront-waf';
import { cloudfrontResponseHeadersPolicy } from './cloudfront-response-headers-policy';
import { cloudfrontDefaultRootObject } from './cloudfront-default-root-object';
import { cloudfrontOriginFailover } from './cloudfront-origin-failover';
import { cloudfrontS3OriginAccess } from './cloudfront-s3-origin-access';
import { cloudfrontCustomCertificate } from './cloudfront-custom-certificate';
import { cloudfrontOacSigning } from './cloudfront-oac-signing';
import { wafv2Logging } from './wafv2-logging';
import { wafv2Log4jProtection } from './wafv2-log4j-protection';
import { wafv2RuleActions } from './wafv2-rule-actions';
import { wafv2Visibility } from './wafv2-visibility';
import { wafv2RateLimit } from './wafv2-rate-limit';
import { wafv2LogRedaction } from './wafv2-log-redaction';
import { batchNoPrivileged } from './batch-no-privileged';
import { batchReadonlyRootFilesystem } from './batch-readonly-root-filesystem';
import { batchNoPublicIp } from './batch-no-public-ip';
import { batchNonRootUser } from './batch-non-root-user';
import { batchJobTimeout } from './batch-job-timeout';
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
import { ecsContainerInsights } from './ecs-container-insights';
import { ecsEfsTransitEncryption } from './ecs-efs-transit-encryption';
import { ecsExecEncryption } from './ecs-exec-encryption';
import { ecsExecLogging } from './ecs-exec-logging';
import { ecsNoPrivilegedContainers } from './ecs-no-privileged-containers';
import { ecsNoPublicIp } from './ecs-no-public-ip';
import { ecsNoSecretsInEnvironment } from './ecs-no-secrets-in-environment';
import { ecsReadOnlyRootFilesystem } from './ecs-read-only-root-filesystem';
import { ecsSecretLikeEnvironmentNames } from './ecs-secret-like-environment-names';
import { ecsSeparateTaskRoles } from './ecs-separate-task-roles';
import { elasticacheAuthentication } from './elasticache-authentication';
import { elasticacheAutomaticFailover } from './elasticache-automatic-failover';
import { elasticacheBackups } from './elasticache-backups';
import { elasticacheEncryptionAtRest } from './elasticache-encryption-at-rest';
import { elasticacheEncryptionInTransit } from './elasticache-encryption-in-transit';
import { elasticacheKmsKey } from './elasticache-kms-key';
import { elasticacheNoPasswords } from './elasticache-no-passwords';
import { iamNoAdministratorAccess } from './iam-no-administrator-access';
import { iamNoAllowNotAction } from './iam-no-allow-not-action';
import { iamNoServiceWildcards } from './iam-no-service-wildcards';
import { iamNoUserPolicies } from './iam-no-user-policies';
import { iamNoWildcardActions } from './iam-no-wildcard-actions';
import { iamNoWildcardResourceForWrite } from './iam-no-wildcard-resource-for-write';
import { kmsKeyRotation } from './kms-key-rotation';
import { logGroupKms } from './log-group-kms';
import { logGroupRetention } from './log-group-retention';
import { netOpenPortsServed } from './net-open-ports-served';
import { rdsStorageEncrypted } from './rds-storage-encrypted';
import { rdsNotPubliclyAccessible } from './rds-not-publicly-accessible';
import { rdsNoMasterPassword } from './rds-no-master-password';
import { rdsBackupRetention } from './rds-backup-retention';
import { rdsForceSsl } from './rds-force-ssl';
import { rdsLogExports } from './rds-log-exports';
import { rdsMultiAz } from './rds-multi-az';
import { rdsDeletionProtection } from './rds-deletion-protection';
import { rdsIamAuthentication } from './rds-iam-authentication';
import { rdsPerformanceInsights } from './rds-performance-insights';
import { rdsPerformanceInsightsKms } from './rds-performance-insights-kms';
import { rdsAutoMinorUpgrade } from './rds-auto-minor-upgrade';
import { rdsCopyTagsToSnapshot } from './rds-copy-tags-to-snapshot';
import { rdsEnhancedMonitoring } from './rds-enhanced-monitoring';
import { opensearchAccessPolicy } from './opensearch-access-policy';
import { opensearchAuditLogs } from './opensearch-audit-logs';
import { opensearchDedicatedMasters } from './opensearch-dedicated-masters';
import { opensearchEncryptionAtRest } from './opensearch-encryption-at-rest';
import { opensearchEnforceHttps } from './opensearch-enforce-https';
import { opensearchErrorLogs } from './opensearch-error-logs';
import { opensearchFineGrainedAccessControl } from './opensearch-fine-grained-access-control';
import { opensearchInVpc } from './opensearch-in-vpc';
import { opensearchKmsKey } from './opensearch-kms-key';
import { opensearchMasterQuorum } from './opensearch-master-quorum';
import { opensearchNoMasterPassword } from './opensearch-no-master-password';
import { opensearchNodeToNodeEncryption } from './opensearch-node-to-node-encryption';
import { opensearchTlsPolicy } from './opensearch-tls-policy';
import { opensearchZoneAwareness } from './opensearch-zone-awareness';
import { s3AccessLogging } from './s3-access-logging';
import { s3AclsDisabled } from './s3-acls-disabled';
import { s3BucketEncryption } from './s3-bucket-encryption';
import { s3BucketVersioning } from './s3-bucket-versioning';
import { s3LifecycleConfiguration } from './s3-lifecycle-configuration';
import { s3PublicAccessBlock } from './s3-public-access-block';
import { s3TlsOnlyPolicy } from './s3-tls-only-policy';
import { secretsmanagerCmk } from './secretsmanager-cmk';
import { secretsmanagerRotation } from './secretsmanager-rotation';
import { secretsmanagerNoValueInConfig } from './secretsmanager-no-value-in-config';
import { sgNoWorldAdminPorts } from './sg-no-world-admin-ports';
import { sgNoWorldAllTraffic } from './sg-no-world-all-traffic';
import { sgNoWorldRdp } from './sg-no-world-rdp';
import { sgNoWorldSsh } from './sg-no-world-ssh';
import { sgRuleDescriptions } from './sg-rule-descriptions';
import { snsAlarmTopicKey } from './sns-alarm-topic-key';
import { snsTopicEncryption } from './sns-topic-encryption';
import { stateBackendPreventDestroy } from './state-backend-prevent-destroy';
import { vpcDefaultSecurityGroupClosed } from './vpc-default-security-group-closed';
import { vpcEndpointPrivateDns } from './vpc-endpoint-private-dns';
import { vpcEndpointSecurityGroups } from './vpc-endpoint-security-groups';
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
  netOpenPortsServed,
  vpcFlowLogs,
  vpcDefaultSecurityGroupClosed,
  vpcEndpointSecurityGroups,
  vpcEndpointPrivateDns,
  ec2Imdsv2Required,
  ec2EbsEncryption,
  ec2NoPublicIp,
  ec2DetailedMonitoring,
  ec2InstanceProfile,
  ec2NoSecretsInUserData,
  ecsContainerInsights,
  ecsSeparateTaskRoles,
  ecsReadOnlyRootFilesystem,
  ecsNoPublicIp,
  ecsNoPrivilegedContainers,
  ecsExecLogging,
  ecsExecEncryption,
  ecsEfsTransitEncryption,
  ecsNoSecretsInEnvironment,
  ecsSecretLikeEnvironmentNames,
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
  dynamodbCustomerManagedKey,
  dynamodbDeletionProtection,
  lambdaXrayTracing,
  lambdaDeadLetterQueue,
  lambdaReservedConcurrency,
  lambdaEnvironmentKms,
  lambdaCodeSigning,
  lambdaNoSecretsInEnvironment,
  lambdaPermissionSource,
  apigwAccessLogging,
  apigwRouteAuthorization,
  apigwStageThrottling,
  apigwDomainTls,
  sqsEncryption,
  sqsTlsOnlyPolicy,
  rdsStorageEncrypted,
  rdsNotPubliclyAccessible,
  rdsNoMasterPassword,
  rdsBackupRetention,
  rdsForceSsl,
  rdsLogExports,
  rdsMultiAz,
  rdsDeletionProtection,
  rdsIamAuthentication,
  rdsPerformanceInsights,
  rdsPerformanceInsightsKms,
  rdsAutoMinorUpgrade,
  rdsCopyTagsToSnapshot,
  rdsEnhancedMonitoring,
  secretsmanagerCmk,
  secretsmanagerRotation,
  secretsmanagerNoValueInConfig,
  elasticacheEncryptionAtRest,
  elasticacheEncryptionInTransit,
  elasticacheAuthentication,
  elasticacheKmsKey,
  elasticacheBackups,
  elasticacheAutomaticFailover,
  elasticacheNoPasswords,
  opensearchEncryptionAtRest,
  opensearchNodeToNodeEncryption,
  opensearchEnforceHttps,
  opensearchTlsPolicy,
  opensearchInVpc,
  opensearchFineGrainedAccessControl,
  opensearchKmsKey,
  opensearchErrorLogs,
  opensearchAuditLogs,
  opensearchDedicatedMasters,
  opensearchMasterQuorum,
  opensearchZoneAwareness,
  opensearchAccessPolicy,
  opensearchNoMasterPassword,
  stateBackendPreventDestroy,
  albDropInvalidHeaders,
  albDesyncMitigation,
  albAccessLogging,
  albDeletionProtection,
  albListenerHttps,
  albHttpsRedirect,
  albTlsPolicy,
  albWaf,
  albTargetGroupHealthCheck,
  acmCreateBeforeDestroy,
  acmTransparencyLogging,
  acmNoWildcard,
  acmDnsValidation,
  route53ARecordAttached,
  cloudfrontViewerHttps,
  cloudfrontMinimumTls,
  cloudfrontAccessLogging,
  cloudfrontWaf,
  cloudfrontResponseHeadersPolicy,
  cloudfrontDefaultRootObject,
  cloudfrontOriginFailover,
  cloudfrontS3OriginAccess,
  cloudfrontCustomCertificate,
  cloudfrontOacSigning,
  wafv2Logging,
  wafv2Log4jProtection,
  wafv2RuleActions,
  wafv2Visibility,
  wafv2RateLimit,
  wafv2LogRedaction,
  batchNoPrivileged,
  batchReadonlyRootFilesystem,
  batchNoPublicIp,
  batchNonRootUser,
  batchJobTimeout,
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
  apigwAccessLogging,
  apigwDomainTls,
  apigwRouteAuthorization,
  apigwStageThrottling,
  dynamodbCustomerManagedKey,
  dynamodbDeletionProtection,
  lambdaCodeSigning,
  lambdaDeadLetterQueue,
  lambdaEnvironmentKms,
  lambdaNoSecretsInEnvironment,
  lambdaPermissionSource,
  lambdaReservedConcurrency,
  lambdaXrayTracing,
  sqsEncryption,
  sqsTlsOnlyPolicy,
  acmCreateBeforeDestroy,
  acmDnsValidation,
  acmNoWildcard,
  acmTransparencyLogging,
  albAccessLogging,
  albDeletionProtection,
  albDesyncMitigation,
  albDropInvalidHeaders,
  albHttpsRedirect,
  albListenerHttps,
  albTargetGroupHealthCheck,
  albTlsPolicy,
  albWaf,
  route53ARecordAttached,
  cloudfrontViewerHttps,
  cloudfrontMinimumTls,
  cloudfrontAccessLogging,
  cloudfrontWaf,
  cloudfrontResponseHeadersPolicy,
  cloudfrontDefaultRootObject,
  cloudfrontOriginFailover,
  cloudfrontS3OriginAccess,
  cloudfrontCustomCertificate,
  cloudfrontOacSigning,
  wafv2Logging,
  wafv2Log4jProtection,
  wafv2RuleActions,
  wafv2Visibility,
  wafv2RateLimit,
  wafv2LogRedaction,
  batchNoPrivileged,
  batchReadonlyRootFilesystem,
  batchNoPublicIp,
  batchNonRootUser,
  batchJobTimeout,
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
  ecsContainerInsights,
  ecsEfsTransitEncryption,
  ecsExecEncryption,
  ecsExecLogging,
  ecsNoPrivilegedContainers,
  ecsNoPublicIp,
  ecsNoSecretsInEnvironment,
  ecsReadOnlyRootFilesystem,
  ecsSecretLikeEnvironmentNames,
  ecsSeparateTaskRoles,
  elasticacheAuthentication,
  elasticacheAutomaticFailover,
  elasticacheBackups,
  elasticacheEncryptionAtRest,
  elasticacheEncryptionInTransit,
  elasticacheKmsKey,
  elasticacheNoPasswords,
  iamNoAdministratorAccess,
  iamNoAllowNotAction,
  iamNoServiceWildcards,
  iamNoUserPolicies,
  iamNoWildcardActions,
  iamNoWildcardResourceForWrite,
  kmsKeyRotation,
  logGroupKms,
  logGroupRetention,
  netOpenPortsServed,
  rdsAutoMinorUpgrade,
  rdsBackupRetention,
  rdsCopyTagsToSnapshot,
  rdsDeletionProtection,
  rdsEnhancedMonitoring,
  rdsForceSsl,
  rdsIamAuthentication,
  rdsLogExports,
  rdsMultiAz,
  rdsNoMasterPassword,
  rdsNotPubliclyAccessible,
  rdsPerformanceInsights,
  rdsPerformanceInsightsKms,
  rdsStorageEncrypted,
  secretsmanagerCmk,
  secretsmanagerNoValueInConfig,
  secretsmanagerRotation,
  opensearchAccessPolicy,
  opensearchAuditLogs,
  opensearchDedicatedMasters,
  opensearchEncryptionAtRest,
  opensearchEnforceHttps,
  opensearchErrorLogs,
  opensearchFineGrainedAccessControl,
  opensearchInVpc,
  opensearchKmsKey,
  opensearchMasterQuorum,
  opensearchNoMasterPassword,
  opensearchNodeToNodeEncryption,
  opensearchTlsPolicy,
  opensearchZoneAwareness,
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
  vpcEndpointPrivateDns,
  vpcEndpointSecurityGroups,
  vpcFlowLogs,
};
export { ADMIN_PORTS } from './sg-no-world-admin-ports';
export { TLS12_POLICIES } from './opensearch-tls-policy';
export { STATE_BACKEND_TAG } from './state-backend-prevent-destroy';
export {
  WRITE_VERBS,
  RESOURCE_UNSCOPED_ACTIONS,
  RESOURCE_UNSCOPED_SERVICES,
  isWriteAction,
} from './iam-no-wildcard-resource-for-write';
export { MIN_BACKUP_RETENTION_DAYS } from './rds-backup-retention';
