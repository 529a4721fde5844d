import { describeRules } from './helpers';
import { CLOUDTRAIL_FIXTURES } from './fixtures/cloudtrail';

describeRules(CLOUDTRAIL_FIXTURES);
