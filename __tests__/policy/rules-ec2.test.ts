import { describeRules } from './helpers';
import { EC2_FIXTURES } from './fixtures/ec2';

describeRules(EC2_FIXTURES);
