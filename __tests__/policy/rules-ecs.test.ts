import { describeRules } from './helpers';
import { ECS_FIXTURES } from './fixtures/ecs';

describeRules(ECS_FIXTURES);
