import { describeRules } from './helpers';
import { IAM_FIXTURES } from './fixtures/iam';

describeRules(IAM_FIXTURES);
