import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { UserPool } from '../../../modules/cognito';
import { FullStack } from '../../support/full-stack';

/** A pool with a hosted domain, an OAuth code-flow client and an SRP client. */
function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'cognito');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const pool = new UserPool(stack, 'users', {
    userPoolName: 'mlnews-prod-users',
    mfa: 'optional',
    threatProtection: 'audit',
    passwordMinimumLength: 14,
    domainPrefix: 'mlnews-prod-example',
  });
  pool.addClient('web', {
    clientName: 'mlnews-prod-web',
    oauth: {
      callbackUrls: ['https://news.example.com/callback', 'http://localhost:5173/callback'],
      logoutUrls: ['https://news.example.com/'],
      scopes: ['openid', 'email'],
    },
    accessTokenValidityInMinutes: 15,
  });
  pool.addClient('cli', { clientName: 'mlnews-prod-cli', allowPasswordAuth: true });
  return stack;
}

export const fullStack: FullStack = {
  name: 'cognito',
  description: 'user pool with a hosted domain, an OAuth code-flow client and an SRP client',
  build,
  expectations: {
    'plans the pool, its domain and both clients': (plan) => {
      expect(plan.changes.map((c) => `${c.type} ${c.change.actions.join()}`).sort()).toEqual([
        'aws_cognito_user_pool create',
        'aws_cognito_user_pool_client create',
        'aws_cognito_user_pool_client create',
        'aws_cognito_user_pool_domain create',
      ]);
    },
    'plans the web client for the code flow, without a client secret': (plan) => {
      const web = plan.afterOf('aws_cognito_user_pool_client').find((c) => c.name === 'mlnews-prod-web');
      expect(web).toMatchObject({
        allowed_oauth_flows: ['code'],
        generate_secret: false,
        token_validity_units: [{ access_token: 'minutes', id_token: 'minutes', refresh_token: 'days' }],
      });
    },
  },
};
