import { describeRules } from './helpers';
import { APIGATEWAY_FIXTURES } from './fixtures/apigateway';

describeRules(APIGATEWAY_FIXTURES);
