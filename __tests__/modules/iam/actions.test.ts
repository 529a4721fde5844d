import {
  ECR_ACTIONS,
  ECS_ACTIONS,
  IAM_ROLE_ACTIONS,
  LOGS_ACTIONS,
  SECRETSMANAGER_ACTIONS,
  SSMMESSAGES_ACTIONS,
  SSM_ACTIONS,
} from '../../../modules/iam/actions';

const ACTION_RE = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;

describe('IAM action tables used by ecs-fargate', () => {
  it.each<[string, string, Record<string, readonly string[]>]>([
    ['ECR_ACTIONS', 'ecr', ECR_ACTIONS],
    ['ECS_ACTIONS', 'ecs', ECS_ACTIONS],
    ['IAM_ROLE_ACTIONS', 'iam', IAM_ROLE_ACTIONS],
    ['LOGS_ACTIONS', 'logs', LOGS_ACTIONS],
    ['SECRETSMANAGER_ACTIONS', 'secretsmanager', SECRETSMANAGER_ACTIONS],
    ['SSMMESSAGES_ACTIONS', 'ssmmessages', SSMMESSAGES_ACTIONS],
    ['SSM_ACTIONS', 'ssm', SSM_ACTIONS],
  ])('%s holds only %s actions, no wildcards', (_name, service, table) => {
    for (const actions of Object.values(table)) {
      expect(actions.length).toBeGreaterThan(0);
      for (const a of actions) {
        expect(a).toMatch(ACTION_RE);
        expect(a).not.toContain('*');
        expect(a.split(':')[0]).toBe(service);
      }
    }
  });

  it('keeps the secrets tables minimal', () => {
    expect(SECRETSMANAGER_ACTIONS.readValue).toEqual(['secretsmanager:GetSecretValue']);
    expect(SSM_ACTIONS.injectParameters).toEqual(['ssm:GetParameters']);
  });
});
