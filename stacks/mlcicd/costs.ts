import {
  CostLine,
  PRICES,
  albLine,
  fargateLine,
  interfaceEndpointsLine,
  natLine,
  rdsLines,
  totalOf,
  unitLine,
  webAclLine,
} from '../shared/pricing';
import { spotTaskCount } from '../shared/blueprint-config';
import { MlcicdEnvironmentConfig } from './config';

/** Rules of the `WebAcl` defaults: IP reputation, rate limit, known bad inputs, common rule set. */
export const WEB_ACL_RULES = 4;

/** Container Insights (`enabled`) per service and month: its custom metrics and performance logs, roughly. */
export const CONTAINER_INSIGHTS_PER_SERVICE_USD = 2.5;

/**
 * CloudWatch alarm metrics the stack creates (each billed $0.10 a month; an expression alarm pays
 * for every metric it reads). The stack test counts them in the synthesized JSON.
 *
 * | alarm set                      | metrics                                                                 |
 * |--------------------------------|-------------------------------------------------------------------------|
 * | load balancer                  | ELB 5xx 1, target 5xx rate 2, p90 1, p99 1, rejected connections 1      |
 * | per target group (2)           | unhealthy hosts 1, no healthy host 1                                    |
 * | per ECS service (2)            | CPU 1, memory 1, running tasks 1, below desired 2                       |
 * | RDS                            | CPU 1, free storage 1, free storage % 1, connections 1, freeable memory 1 |
 */
export function alarmMetricCount(): number {
  return 6 + 2 * 2 + 2 * 5 + 5;
}

/**
 * The environment's monthly cost at us-east-1 list prices (us-west-2 charges the same for every
 * item here), with the arithmetic, for the README table and the budget check. Tasks are counted
 * at their minimum (serving) or desired (MLflow) count; scaling out adds a task's line per task.
 */
export function estimateMonthlyCost(cfg: MlcicdEnvironmentConfig): CostLine[] {
  const azs = cfg.availabilityZones.length;
  const nat = cfg.natGateways === 'none' ? 0 : cfg.natGateways === 'single' ? 1 : azs;
  const mlflowSpot = spotTaskCount(cfg.mlflow.desiredCount, cfg.mlflow.spot);
  const servingTasks = cfg.serving.scaling.minCapacity;
  const servingSpot = spotTaskCount(servingTasks, cfg.serving.spot);
  return [
    natLine(nat, cfg.usage.natDataGbPerMonth),
    ...(cfg.interfaceEndpoints.length > 0
      ? [interfaceEndpointsLine(cfg.interfaceEndpoints.length, azs)]
      : []),
    albLine(azs, cfg.usage.loadBalancerLcus),
    ...(cfg.webAcl
      ? [
          webAclLine(
            'WAF web ACL on the load balancer (4 rules)',
            WEB_ACL_RULES,
            cfg.usage.wafMillionRequests,
          ),
        ]
      : []),
    fargateLine(
      `MLflow tasks (${cfg.mlflow.cpu} CPU / ${cfg.mlflow.memoryMiB} MiB)`,
      cfg.mlflow.cpu,
      cfg.mlflow.memoryMiB,
      cfg.mlflow.desiredCount - mlflowSpot,
      mlflowSpot,
    ),
    fargateLine(
      `Model-serving tasks at the minimum (${cfg.serving.cpu} CPU / ${cfg.serving.memoryMiB} MiB)`,
      cfg.serving.cpu,
      cfg.serving.memoryMiB,
      servingTasks - servingSpot,
      servingSpot,
    ),
    ...rdsLines(cfg.database.instanceClass, cfg.database.allocatedStorageInGiB, cfg.database.multiAz),
    unitLine('Secrets Manager: the RDS master secret', 1, PRICES.secretMonth, 'per secret'),
    unitLine('KMS key of the alarm topic', 1, PRICES.kmsKeyMonth, 'per key'),
    unitLine('CloudWatch alarm metrics', alarmMetricCount(), PRICES.alarmMetricMonth, 'per metric'),
    unitLine('Container Insights, 2 services', 2, CONTAINER_INSIGHTS_PER_SERVICE_USD, 'per service, approx.'),
    unitLine('CloudWatch Logs ingestion', cfg.usage.logIngestGbPerMonth, PRICES.logsIngestedGb, 'per GB'),
    unitLine(
      'S3 artifacts (Standard / Intelligent-Tiering)',
      cfg.usage.artifactStorageGb,
      PRICES.s3StandardGbMonth,
      'per GB',
    ),
    unitLine('ECR images', cfg.usage.imageStorageGb, PRICES.ecrGbMonth, 'per GB'),
  ];
}

/** The estimate's total (USD per month). */
export function estimateMonthlyTotal(cfg: MlcicdEnvironmentConfig): number {
  return totalOf(estimateMonthlyCost(cfg));
}
