/**
 * us-east-1 on-demand list prices (USD) the blueprints' monthly cost estimates are built from, and
 * the small helpers that turn a configuration into cost lines. A month is 730 hours. Prices drift:
 * the date below says when they were read; the estimates are arithmetic, not a bill.
 *
 * | item                              | price                                   | per month          |
 * |-----------------------------------|-----------------------------------------|--------------------|
 * | Fargate (x86, Linux)              | $0.04048 per vCPU-hour, $0.004445 per GB-hour | 0.5 vCPU / 1 GB: $18.02 |
 * | Fargate Spot                      | about 70 % less (the price floats)      | 0.5 vCPU / 1 GB: $5.41 |
 * | Application Load Balancer         | $0.0225 per hour + $0.008 per LCU-hour  | $16.43 + $5.84 per LCU |
 * | NAT gateway                       | $0.045 per hour + $0.045 per GB         | $32.85 + data      |
 * | public IPv4 address               | $0.005 per hour                         | $3.65              |
 * | interface VPC endpoint            | $0.01 per AZ-hour + $0.01 per GB        | $7.30 per AZ       |
 * | RDS db.t3.micro / db.t4g.micro    | $0.017 / $0.016 per hour (Multi-AZ x2)  | $12.41 / $11.68    |
 * | RDS gp3 storage                   | $0.115 per GB-month (Multi-AZ x2)       |                    |
 * | Secrets Manager secret            | $0.40 per secret-month                  | $0.40              |
 * | KMS customer managed key          | $1 per key-month                        | $1.00              |
 * | CloudWatch alarm (standard)       | $0.10 per metric per month              | $0.10              |
 * | CloudWatch Logs                   | $0.50 per GB ingested, $0.03 per GB-month stored |           |
 * | S3 Standard                       | $0.023 per GB-month                     |                    |
 * | ECR storage                       | $0.10 per GB-month                      |                    |
 * | WAF web ACL                       | $5 per ACL + $1 per rule + $0.60 per million requests |     |
 * | CloudFront (beyond the free tier) | $0.085 per GB to viewers, $0.01 per 10,000 HTTPS requests | |
 * | AWS Backup (RDS snapshots, warm)  | $0.095 per GB-month                     |                    |
 */
export const PRICES = {
  /** When these list prices were read (us-east-1). */
  asOf: '2025-06',
  hoursPerMonth: 730,
  fargateVcpuHour: 0.04048,
  fargateGbHour: 0.004445,
  /** Share of the on-demand price Fargate Spot usually costs (about 70 % less). */
  fargateSpotFactor: 0.3,
  albHour: 0.0225,
  albLcuHour: 0.008,
  natGatewayHour: 0.045,
  natGatewayPerGb: 0.045,
  publicIpv4Hour: 0.005,
  interfaceEndpointAzHour: 0.01,
  rdsInstanceHour: {
    'db.t3.micro': 0.017,
    'db.t3.small': 0.034,
    'db.t4g.micro': 0.016,
    'db.t4g.small': 0.032,
  } as Readonly<Record<string, number>>,
  rdsGp3GbMonth: 0.115,
  secretMonth: 0.4,
  kmsKeyMonth: 1,
  alarmMetricMonth: 0.1,
  logsIngestedGb: 0.5,
  s3StandardGbMonth: 0.023,
  ecrGbMonth: 0.1,
  wafWebAclMonth: 5,
  wafRuleMonth: 1,
  wafPerMillionRequests: 0.6,
  cloudFrontPerGb: 0.085,
  cloudFrontPer10kHttpsRequests: 0.01,
  backupWarmGbMonth: 0.095,
} as const;

/** One line of a monthly cost estimate. */
export interface CostLine {
  /** What is billed, e.g. "MLflow tasks (1 x 0.5 vCPU / 1 GB, on-demand)". */
  readonly item: string;
  /** USD per month, rounded to cents. */
  readonly monthlyUsd: number;
  /** How the number was reached, e.g. "(0.5 x 0.04048 + 1 x 0.004445) x 730". */
  readonly arithmetic: string;
}

/** Rounds to cents (what the README tables show). */
export function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/** Sum of the lines, rounded to cents. */
export function totalOf(lines: readonly CostLine[]): number {
  return cents(lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
}

/** USD per hour of one Fargate task of `cpuUnits` (1024 = 1 vCPU) and `memoryMiB`, on-demand. */
export function fargateTaskHour(cpuUnits: number, memoryMiB: number): number {
  return (cpuUnits / 1024) * PRICES.fargateVcpuHour + (memoryMiB / 1024) * PRICES.fargateGbHour;
}

/**
 * Fargate tasks running all month: `onDemand` tasks at the list price, `spot` tasks at
 * {@link PRICES.fargateSpotFactor} of it.
 */
export function fargateLine(
  item: string,
  cpuUnits: number,
  memoryMiB: number,
  onDemand: number,
  spot = 0,
): CostLine {
  const perTask = fargateTaskHour(cpuUnits, memoryMiB) * PRICES.hoursPerMonth;
  const vcpu = cpuUnits / 1024;
  const gb = memoryMiB / 1024;
  const base = `(${vcpu} x ${PRICES.fargateVcpuHour} + ${gb} x ${PRICES.fargateGbHour}) x 730 = ${cents(perTask).toFixed(2)} per task`;
  const parts = [
    ...(onDemand > 0 ? [`${onDemand} on-demand`] : []),
    ...(spot > 0 ? [`${spot} Spot x ${PRICES.fargateSpotFactor}`] : []),
  ];
  return {
    item,
    monthlyUsd: cents(perTask * (onDemand + spot * PRICES.fargateSpotFactor)),
    arithmetic: `${base}; ${parts.join(' + ')}`,
  };
}

/** An RDS instance and its gp3 storage, doubled for Multi-AZ. */
export function rdsLines(instanceClass: string, storageGb: number, multiAz: boolean): CostLine[] {
  const hourly = PRICES.rdsInstanceHour[instanceClass];
  if (hourly === undefined) {
    throw new Error(`no price for ${instanceClass}: add it to PRICES.rdsInstanceHour`);
  }
  const copies = multiAz ? 2 : 1;
  const az = multiAz ? ' x 2 (Multi-AZ)' : '';
  return [
    {
      item: `RDS ${instanceClass}${multiAz ? ' Multi-AZ' : ''}`,
      monthlyUsd: cents(hourly * PRICES.hoursPerMonth * copies),
      arithmetic: `${hourly} x 730${az}`,
    },
    {
      item: `RDS gp3 storage ${storageGb} GB`,
      monthlyUsd: cents(storageGb * PRICES.rdsGp3GbMonth * copies),
      arithmetic: `${storageGb} x ${PRICES.rdsGp3GbMonth}${az}`,
    },
  ];
}

/** NAT gateways with their Elastic IPs, plus `gbPerMonth` of processed data. */
export function natLine(gateways: number, gbPerMonth: number): CostLine {
  const fixed = gateways * (PRICES.natGatewayHour + PRICES.publicIpv4Hour) * PRICES.hoursPerMonth;
  return {
    item: `NAT gateways (${gateways}) with their public IPv4 addresses, ${gbPerMonth} GB processed`,
    monthlyUsd: cents(gateways === 0 ? 0 : fixed + gbPerMonth * PRICES.natGatewayPerGb),
    arithmetic:
      gateways === 0 ? 'none' : `${gateways} x (32.85 + 3.65) + ${gbPerMonth} x ${PRICES.natGatewayPerGb}`,
  };
}

/** An internet-facing ALB in `azs` zones (one public IPv4 address each) with `lcus` average LCUs. */
export function albLine(azs: number, lcus: number): CostLine {
  const usd =
    (PRICES.albHour + lcus * PRICES.albLcuHour + azs * PRICES.publicIpv4Hour) * PRICES.hoursPerMonth;
  return {
    item: `Application Load Balancer (${azs} public IPv4 addresses, ${lcus} LCU average)`,
    monthlyUsd: cents(usd),
    arithmetic: `16.43 + ${lcus} x 5.84 + ${azs} x 3.65`,
  };
}

/** Interface endpoints: `services` endpoints in `azs` zones. */
export function interfaceEndpointsLine(services: number, azs: number): CostLine {
  return {
    item: `Interface VPC endpoints (${services} services x ${azs} AZs)`,
    monthlyUsd: cents(services * azs * PRICES.interfaceEndpointAzHour * PRICES.hoursPerMonth),
    arithmetic: `${services} x ${azs} x 7.30`,
  };
}

/** A fixed monthly line (`count` x `unitUsd`). */
export function unitLine(item: string, count: number, unitUsd: number, unitLabel: string): CostLine {
  return {
    item,
    monthlyUsd: cents(count * unitUsd),
    arithmetic: `${count} x ${unitUsd} (${unitLabel})`,
  };
}

/** A WAF web ACL with `rules` rules and `millionRequests` million requests a month. */
export function webAclLine(item: string, rules: number, millionRequests: number): CostLine {
  return {
    item,
    monthlyUsd: cents(
      PRICES.wafWebAclMonth + rules * PRICES.wafRuleMonth + millionRequests * PRICES.wafPerMillionRequests,
    ),
    arithmetic: `5 + ${rules} x 1 + ${millionRequests} x 0.60`,
  };
}
