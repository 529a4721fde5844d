import { describeRules } from './helpers';
import { COGNITO_FIXTURES } from './fixtures/cognito';

describeRules(COGNITO_FIXTURES);
