import { describeRules } from './helpers';
import { ROUTE53_FIXTURES } from './fixtures/route53';

describeRules(ROUTE53_FIXTURES);
