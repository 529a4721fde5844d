import {
  CostLine,
  PRICES,
  albLine,
  cents,
  fargateLine,
  interfaceEndpointsLine,
  natLine,
  rdsLines,
  totalOf,
  unitLine,
  webAclLine,
} from '../shared/pricing';
import { spotTaskCount } from '../shared/blueprint-config';
import { ModelregEnvironmentConfig } from './config';

/** Container Insights (`enabled`) for the one service, per month, roughly. */
export const CONTAINER_INSIGHTS_USD = 2.5;
/** Rules of each web ACL (the `WebAcl` defaults): IP reputation, rate limit, known bad inputs, common rule set. */
export const WEB_ACL_RULES = 4;

/**
 * CloudWatch alarm metrics the stack creates ($0.10 each a month). The stack test counts them in
 * the synthesized JSON.
 *
 * | alarm set            | metrics                                                                    |
 * |----------------------|----------------------------------------------------------------------------|
 * | load balancer        | ELB 5xx 1, target 5xx rate 2, p90 1, p99 1, rejected connections 1         |
 * | target group (1)     | unhealthy hosts 1, no healthy host 1                                       |
 * | ECS service          | CPU 1, memory 1, running tasks 1, below desired 2                          |
 * | RDS                  | CPU 1, free storage 1, free storage % 1, connections 1, freeable memory 1  |
 * | Batch                | failed jobs 1, failed notifications 1                                      |
 * | CloudFront           | 5xx rate 1, 4xx rate 1                                                     |
 * | AWS Backup (if any)  | failed, aborted and expired jobs 1 each                                    |
 */
export function alarmMetricCount(cfg: ModelregEnvironmentConfig): number {
  return 6 + 2 + 5 + 5 + 2 + 2 + (cfg.databaseBackupPlan ? 3 : 0);
}

/**
 * The environment's monthly cost at us-east-1 list prices, with the arithmetic, for the README
 * table and the budget check. The backend is counted at its minimum task count; autograder jobs
 * at `usage.autograderJobHours`; CloudFront within its always-free tier (1 TB out, 10 million
 * requests a month) unless `usage.cloudFrontGbPerMonth` says more.
 */
export function estimateMonthlyCost(cfg: ModelregEnvironmentConfig): CostLine[] {
  const azs = cfg.availabilityZones.length;
  const nat = cfg.natGateways === 'single' ? 1 : azs;
  const tasks = cfg.backend.scaling.minCapacity;
  const spot = spotTaskCount(tasks, cfg.backend.spot);
  const jobHour =
    cfg.autograder.vcpu * PRICES.fargateVcpuHour + (cfg.autograder.memoryInMiB / 1024) * PRICES.fargateGbHour;
  const jobFactor = cfg.autograder.spot ? PRICES.fargateSpotFactor : 1;
  const wafRequests = cfg.usage.wafMillionRequests / 2;
  return [
    natLine(nat, cfg.usage.natDataGbPerMonth),
    ...(cfg.interfaceEndpoints.length > 0
      ? [interfaceEndpointsLine(cfg.interfaceEndpoints.length, azs)]
      : []),
    albLine(azs, cfg.usage.loadBalancerLcus),
    ...(cfg.webAcls
      ? [
          webAclItem('WAF web ACL on the load balancer', wafRequests),
          webAclItem('WAF web ACL on CloudFront', wafRequests),
        ]
      : []),
    fargateLine(
      `Backend tasks at the minimum (${cfg.backend.cpu} CPU / ${cfg.backend.memoryMiB} MiB)`,
      cfg.backend.cpu,
      cfg.backend.memoryMiB,
      tasks - spot,
      spot,
    ),
    {
      item: `Autograder jobs (${cfg.autograder.vcpu} vCPU / ${cfg.autograder.memoryInMiB} MiB${cfg.autograder.spot ? ', Spot' : ''})`,
      monthlyUsd: cents(jobHour * jobFactor * cfg.usage.autograderJobHours),
      arithmetic: `(${cfg.autograder.vcpu} x ${PRICES.fargateVcpuHour} + ${cfg.autograder.memoryInMiB / 1024} x ${PRICES.fargateGbHour}) x ${cfg.usage.autograderJobHours} job-hours${cfg.autograder.spot ? ` x ${PRICES.fargateSpotFactor}` : ''}`,
    },
    ...rdsLines(cfg.database.instanceClass, cfg.database.allocatedStorageInGiB, cfg.database.multiAz),
    unitLine('Secrets Manager: the RDS master secret', 1, PRICES.secretMonth, 'per secret'),
    unitLine('KMS key of the alarm topic', 1, PRICES.kmsKeyMonth, 'per key'),
    ...(cfg.databaseBackupPlan
      ? [
          unitLine('AWS Backup: vault KMS key', 1, PRICES.kmsKeyMonth, 'per key'),
          unitLine(
            'AWS Backup: database snapshots (warm)',
            cfg.usage.backupStorageGb,
            PRICES.backupWarmGbMonth,
            'per GB',
          ),
        ]
      : []),
    unitLine('CloudWatch alarm metrics', alarmMetricCount(cfg), PRICES.alarmMetricMonth, 'per metric'),
    unitLine('Container Insights, 1 service', 1, CONTAINER_INSIGHTS_USD, 'per service, approx.'),
    unitLine('CloudWatch Logs ingestion', cfg.usage.logIngestGbPerMonth, PRICES.logsIngestedGb, 'per GB'),
    unitLine(
      'CloudFront data beyond the free tier',
      cfg.usage.cloudFrontGbPerMonth,
      PRICES.cloudFrontPerGb,
      'per GB',
    ),
    unitLine('S3 (packages, app, logs)', cfg.usage.s3StorageGb, PRICES.s3StandardGbMonth, 'per GB'),
    unitLine('ECR images (2 repositories)', cfg.usage.imageStorageGb, PRICES.ecrGbMonth, 'per GB'),
  ];
}

function webAclItem(item: string, millionRequests: number): CostLine {
  return webAclLine(`${item} (${WEB_ACL_RULES} rules)`, WEB_ACL_RULES, millionRequests);
}

/** The estimate's total (USD per month). */
export function estimateMonthlyTotal(cfg: ModelregEnvironmentConfig): number {
  return totalOf(estimateMonthlyCost(cfg));
}
