import { describeRules } from './helpers';
import { OPENSEARCH_FIXTURES } from './fixtures/opensearch';

describeRules(OPENSEARCH_FIXTURES);
