import { describeRules } from './helpers';
import { BACKUP_FIXTURES } from './fixtures/backup';

describeRules(BACKUP_FIXTURES);
