import { describeRules } from './helpers';
import { BATCH_FIXTURES } from './fixtures/batch';

describeRules(BATCH_FIXTURES);
