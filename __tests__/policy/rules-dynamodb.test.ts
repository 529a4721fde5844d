import { describeRules } from './helpers';
import { DYNAMODB_FIXTURES } from './fixtures/dynamodb';

describeRules(DYNAMODB_FIXTURES);
