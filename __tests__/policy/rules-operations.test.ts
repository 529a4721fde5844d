import { describeRules } from './helpers';
import { OPERATIONS_FIXTURES } from './fixtures/operations';

describeRules(OPERATIONS_FIXTURES);
