import { Cluster, ClusterProps } from '../../../modules/ecs-fargate';
import { lazy } from '../../support/lazy';
import { KMS_ARN, expectProblem, newStack, only, problemsOf, synth } from './helpers';

function build(props: Partial<ClusterProps> = {}) {
  const stack = newStack();
  const cluster = new Cluster(stack, 'cluster', { name: 'modelreg-prod', ...props });
  return { cluster, ...synth(stack) };
}

describe('Cluster', () => {
  describe('defaults', () => {
    const built = lazy(() => build());
    const ecs = lazy(() => only(built().json, 'aws_ecs_cluster'));

    it('turns Container Insights on', () => {
      const { cluster } = built();
      expect(ecs().setting).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
      expect(cluster.containerInsights).toBe('enabled');
    });

    it('logs ECS Exec sessions to its own log group (OVERRIDE), kept 365 days, without KMS', () => {
      const { json } = built();
      expect(ecs().configuration.execute_command_configuration).toEqual({
        logging: 'OVERRIDE',
        log_configuration: {
          cloud_watch_encryption_enabled: false,
          cloud_watch_log_group_name: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..+\.name\}$/),
        },
      });
      expect(only(json, 'aws_cloudwatch_log_group')).toEqual({
        name: '/aws/ecs/modelreg-prod/execute-command',
        retention_in_days: 365,
        tags: { Name: '/aws/ecs/modelreg-prod/execute-command' },
      });
    });

    it('registers FARGATE and FARGATE_SPOT, default strategy on-demand only', () => {
      const { json, cluster } = built();
      expect(only(json, 'aws_ecs_cluster_capacity_providers')).toMatchObject({
        capacity_providers: ['FARGATE', 'FARGATE_SPOT'],
        default_capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1, base: 0 }],
      });
      expect(cluster.capacityProviders).toEqual(['FARGATE', 'FARGATE_SPOT']);
      expect(cluster.dependables).toEqual([cluster.node.findChild('capacity-providers')]);
    });

    it('names the cluster and exposes what services need', () => {
      const { cluster } = built();
      expect(ecs().name).toBe('modelreg-prod');
      expect(ecs().tags).toEqual({ Name: 'modelreg-prod' });
      expect(cluster.executeCommand.kmsKeyArn).toBeUndefined();
    });
  });

  describe('options', () => {
    const built = lazy(() =>
      build({
        containerInsights: 'enhanced',
        executeCommandKmsKeyArn: KMS_ARN,
        executeCommandLogRetentionInDays: 90,
        executeCommandLogGroupName: '/audit/ecs-exec',
        defaultCapacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1, weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 3 },
        ],
        tags: { Team: 'ml' },
      }),
    );
    const ecs = lazy(() => only(built().json, 'aws_ecs_cluster'));

    it('uses enhanced Container Insights', () => {
      expect(ecs().setting).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
    });

    it('encrypts sessions and the log group with the key', () => {
      const { json, cluster } = built();
      expect(ecs().configuration.execute_command_configuration.kms_key_id).toBe(KMS_ARN);
      expect(
        ecs().configuration.execute_command_configuration.log_configuration.cloud_watch_encryption_enabled,
      ).toBe(true);
      expect(only(json, 'aws_cloudwatch_log_group')).toEqual({
        name: '/audit/ecs-exec',
        retention_in_days: 90,
        kms_key_id: KMS_ARN,
        tags: { Name: '/audit/ecs-exec', Team: 'ml' },
      });
      expect(cluster.executeCommand.kmsKeyArn).toBe(KMS_ARN);
    });

    it('sets the default strategy with explicit weights and bases', () => {
      const { json } = built();
      expect(only(json, 'aws_ecs_cluster_capacity_providers').default_capacity_provider_strategy).toEqual([
        { capacity_provider: 'FARGATE', weight: 1, base: 1 },
        { capacity_provider: 'FARGATE_SPOT', weight: 3, base: 0 },
      ]);
    });
  });

  it('can turn Container Insights off', () => {
    const { json } = build({ containerInsights: 'disabled' });
    expect(only(json, 'aws_ecs_cluster').setting).toEqual([{ name: 'containerInsights', value: 'disabled' }]);
  });

  describe('validation', () => {
    it.each([
      [
        'name with a dot',
        { name: 'modelreg.prod' },
        { field: 'name', value: 'modelreg.prod', problem: /1-255 letters, digits/, fix: /modelreg-prod/ },
      ],
      [
        'name too long',
        { name: 'a'.repeat(256) },
        { field: 'name', problem: /1-255 letters/, fix: /use a name/ },
      ],
      [
        'unknown Container Insights mode',
        { containerInsights: 'on' },
        {
          field: 'containerInsights',
          value: 'on',
          problem: /"enabled", "enhanced" or "disabled"/,
          fix: /"enabled"/,
        },
      ],
      [
        'retention CloudWatch does not accept',
        { executeCommandLogRetentionInDays: 100 },
        { field: 'executeCommandLogRetentionInDays', value: 100, problem: /not a retention/, fix: /use 120/ },
      ],
      [
        'key alias instead of ARN',
        { executeCommandKmsKeyArn: 'alias/ecs' },
        {
          field: 'executeCommandKmsKeyArn',
          value: 'alias/ecs',
          problem: /not a KMS key ARN/,
          fix: /aliases do not work/,
        },
      ],
      [
        'log group name with a space',
        { executeCommandLogGroupName: '/ecs exec' },
        { field: 'executeCommandLogGroupName', problem: /not a log group name/, fix: /execute-command/ },
      ],
      [
        'strategy with two bases',
        {
          defaultCapacityProviderStrategy: [
            { capacityProvider: 'FARGATE', base: 1 },
            { capacityProvider: 'FARGATE_SPOT', base: 1 },
          ],
        },
        {
          field: 'defaultCapacityProviderStrategy',
          problem: /base on more than one/,
          fix: /keep the base on one/,
        },
      ],
    ])('refuses a %s', (_name, props, expected) => {
      expectProblem(
        problemsOf(() => build(props as Partial<ClusterProps>)),
        expected,
      );
    });

    it('reports every problem at once', () => {
      const problems = problemsOf(() => build({ name: 'a b', executeCommandLogRetentionInDays: 2 }));
      expect(problems.map((p) => p.field)).toEqual(['name', 'executeCommandLogRetentionInDays']);
    });

    it.each([
      ['a 255-character name', { name: 'a'.repeat(255) }],
      ['a 1-character name', { name: 'a' }],
      ['retention 1 day', { executeCommandLogRetentionInDays: 1 }],
      ['retention 0 (never expire)', { executeCommandLogRetentionInDays: 0 }],
    ])('accepts %s', (_name, props) => {
      expect(() => build(props)).not.toThrow();
    });
  });
});
