import { describeRules } from './helpers';
import { SECRETSMANAGER_FIXTURES } from './fixtures/secretsmanager';

describeRules(SECRETSMANAGER_FIXTURES);
