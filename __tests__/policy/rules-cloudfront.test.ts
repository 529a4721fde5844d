import { describeRules } from './helpers';
import { CLOUDFRONT_FIXTURES } from './fixtures/cloudfront';

describeRules(CLOUDFRONT_FIXTURES);
