import { describeRules } from './helpers';
import { SQS_FIXTURES } from './fixtures/sqs';

describeRules(SQS_FIXTURES);
