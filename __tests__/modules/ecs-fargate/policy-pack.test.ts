import { Testing } from 'cdktf';
import { Cluster, FargateService, FargateServiceProps } from '../../../modules/ecs-fargate';
import { applyPolicyPack } from '../../../modules/policy';
import { ALB_SG, IMAGE, KMS_ARN, TARGET_GROUP_ARN, TOPIC_ARN, newStack, serviceProps } from './helpers';

/** Builds a cluster and a service, runs the policy pack, returns the findings printed (rule id and level). */
function findings(overrides: Partial<FargateServiceProps> = {}, kms = false): string[] {
  const stack = newStack('pack');
  const cluster = new Cluster(stack, 'cluster', {
    name: 'modelreg-prod',
    executeCommandKmsKeyArn: kms ? KMS_ARN : undefined,
  });
  new FargateService(stack, 'api', serviceProps({ cluster, ...overrides }));
  const log: string[] = [];
  applyPolicyPack(stack, { log: (m) => log.push(m) });
  Testing.synth(stack, true); // throws on any error-level finding
  return [...log.join('\n').matchAll(/(MLM-[A-Z0-9]+-\d{3}) \[(error|warning)\]/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
}

describe('ecs-fargate and the policy pack', () => {
  it('a cluster and a service with default props have no error findings', () => {
    expect(findings().sort()).toEqual([
      'MLM-ECS-007 warning', // exec sessions without a customer managed key (optional, $1/month)
      'MLM-LOG-002 warning', // container log group without KMS
      'MLM-LOG-002 warning', // exec log group without KMS
    ]);
  });

  it('with keys, a load balancer, scaling, alerts and a secret: no findings at all', () => {
    expect(
      findings(
        {
          logKmsKeyArn: KMS_ARN,
          loadBalancers: [{ targetGroupArn: TARGET_GROUP_ARN }],
          allowedSources: { securityGroupIds: [ALB_SG] },
          autoScaling: { minCapacity: 2, maxCapacity: 10 },
          deploymentAlerts: { topicArn: TOPIC_ARN },
          containers: [
            {
              name: 'api',
              image: IMAGE,
              portMappings: [{ containerPort: 8000 }],
              secrets: {
                DB_PASSWORD: {
                  secretsManagerArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf',
                },
              },
            },
          ],
        },
        true,
      ),
    ).toEqual([]);
  });

  it('ECS Exec with a writable container: only the read-only warning', () => {
    expect(
      findings(
        {
          logKmsKeyArn: KMS_ARN,
          enableExecuteCommand: true,
          containers: [{ name: 'api', image: IMAGE, readonlyRootFilesystem: false }],
        },
        true,
      ),
    ).toEqual(['MLM-ECS-003 warning']);
  });

  it('a reviewed secret-like name is suppressed, not reported', () => {
    expect(
      findings(
        {
          logKmsKeyArn: KMS_ARN,
          containers: [
            {
              name: 'api',
              image: IMAGE,
              environment: { TOKEN_AUDIENCE: 'registry' },
              notSecrets: ['TOKEN_AUDIENCE'],
            },
          ],
        },
        true,
      ),
    ).toEqual([]);
  });

  it('a public IP fails synthesis with MLM-ECS-004', () => {
    expect(() => findings({ assignPublicIp: true })).toThrow(/MLM-ECS-004/);
  });
});
