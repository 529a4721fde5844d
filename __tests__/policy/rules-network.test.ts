import { describeRules } from './helpers';
import { NETWORK_FIXTURES } from './fixtures/network';

describeRules(NETWORK_FIXTURES);
