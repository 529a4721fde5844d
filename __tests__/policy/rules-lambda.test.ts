import { describeRules } from './helpers';
import { LAMBDA_FIXTURES } from './fixtures/lambda';

describeRules(LAMBDA_FIXTURES);
