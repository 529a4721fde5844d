import { describeRules } from './helpers';
import { VPC_ENDPOINT_FIXTURES } from './fixtures/vpc-endpoint';

describeRules(VPC_ENDPOINT_FIXTURES);
