import { describeRules } from './helpers';
import { NET_FIXTURES } from './fixtures/net';

describeRules(NET_FIXTURES);
