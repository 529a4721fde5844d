import { describeRules } from './helpers';
import { S3_FIXTURES } from './fixtures/s3';

describeRules(S3_FIXTURES);
