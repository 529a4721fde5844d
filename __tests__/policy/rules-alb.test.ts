import { describeRules } from './helpers';
import { ALB_FIXTURES } from './fixtures/alb';

describeRules(ALB_FIXTURES);
