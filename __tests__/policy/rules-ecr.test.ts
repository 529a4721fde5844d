import { describeRules } from './helpers';
import { ECR_FIXTURES } from './fixtures/ecr';

describeRules(ECR_FIXTURES);
