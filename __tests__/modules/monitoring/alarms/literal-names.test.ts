import { TerraformVariable } from 'cdktf';
import { LambdaAlarms, OpenSearchAlarms } from '../../../../modules/monitoring';
import { errorOf, testStack } from '../../../support/synth-json';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alarms';

/** Values the alarm builders compute with or name alarms by must be known at synth (docs/tokens.md). */
describe('alarm builders refuse unresolved values they compute with or name alarms by', () => {
  it('LambdaAlarms refuses an unresolved durationTimeoutRatio: the duration threshold is ratio x timeout', () => {
    const stack = testStack();
    const ratio = new TerraformVariable(stack, 'ratio', { type: 'number' });
    expect(
      errorOf(
        () =>
          new LambdaAlarms(stack, 'alarms', {
            function: { functionName: 'fn', timeoutInSeconds: 30 },
            topicArn: TOPIC,
            thresholds: { durationTimeoutRatio: ratio.numberValue },
          }),
      ),
    ).toBe(
      'Invalid input for test/alarms (1 problem):\n' +
        '  - thresholds.durationTimeoutRatio = "<token>": is an unresolved value, but the duration threshold ' +
        'is computed from it and the timeout at synth. Fix: pass a literal ratio from 0.1 to 1, e.g. 0.8',
    );
  });

  it('OpenSearchAlarms refuses an unresolved domain name: it names the alarms', () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    expect(
      errorOf(
        () =>
          new OpenSearchAlarms(stack, 'alarms', {
            domain: {
              domainName: name.stringValue,
              domainArn: 'arn:aws:es:us-east-1:111122223333:domain/search',
              instanceCount: 1,
              volumeSizeInGiB: 10,
              dedicatedMasterCount: 0,
            },
            topicArn: TOPIC,
          }),
      ),
    ).toBe(
      'Invalid input for test/alarms (1 problem):\n' +
        '  - domain.domainName = "<token>": must be a literal domain name (it names the alarms). ' +
        'Fix: pass the OpenSearchDomain, or { domainName: "sentiment-dev", ... }',
    );
  });
});
