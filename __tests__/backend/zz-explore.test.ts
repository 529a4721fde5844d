import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { applyAwsProviderEndpointOverrides } from '../../backend/endpoints';
import { App, TerraformStack, DataResource } from 'cdktf';

import { StateBackendBootstrapStack } from '../../backend/bootstrap-stack';
import { resolveStateBackendSettings } from '../../backend/settings';
import { configureStateBackend } from '../../backend/state-backend';

it('synths', () => {
  const env = { MLMON_STATE_S3_ENDPOINT: process.env.S3E!, MLMON_STATE_DYNAMODB_ENDPOINT: process.env.DDBE!, MLMON_STATE_USE_PATH_STYLE: 'true', MLMON_STATE_SKIP_AWS_CHECKS: 'true' };
  const settings = resolveStateBackendSettings(() => undefined, env);
  const app = new App({ outdir: '/tmp/explore' });
  const b = new StateBackendBootstrapStack(app, 'mlmon-bootstrap', { settings, tags: { Project: 'mlmon' } });
  applyAwsProviderEndpointOverrides(b.node.findChild('aws') as AwsProvider, settings);
  const bucket = b.stateBucket.bucket;
  bucket.resetTags();
  (b.node.findChild('aws') as AwsProvider).resetDefaultTags();
  b.lockTable.putPointInTimeRecovery({ enabled: false });
  const s = new TerraformStack(app, 'mlmon-dev');
  configureStateBackend(s, settings);
  new DataResource(s, 'marker', { input: 'x' });
  app.synth();
});
