import { describeRules } from './helpers';
import { ELASTICACHE_FIXTURES } from './fixtures/elasticache';

describeRules(ELASTICACHE_FIXTURES);
