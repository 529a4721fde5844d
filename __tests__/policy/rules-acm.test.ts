import { describeRules } from './helpers';
import { ACM_FIXTURES } from './fixtures/acm';

describeRules(ACM_FIXTURES);
