import { describeRules } from './helpers';
import { WAFV2_FIXTURES } from './fixtures/wafv2';

describeRules(WAFV2_FIXTURES);
