import { describeRules } from './helpers';
import { RDS_FIXTURES } from './fixtures/rds';

describeRules(RDS_FIXTURES);
