import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { arnComponents, isAccountId, isPartition, PARTITIONS } from '../../../modules/core/arn';
import { isBackupVaultArn, isIamRoleArn, isS3BucketArn } from '../../../modules/core/arn';
import {
  bucketNameProblems,
  isAzInRegion,
  isIamPrincipalArn,
  isKmsKeyArn,
  isKmsKeyReference,
  isSnsTopicArn,
  isValidDynamoTableName,
  isValidEmail,
  isValidInstanceType,
  nearestLogRetention,
  regionOfArn,
} from '../../../modules/core/aws-rules';
import { providerRegion } from '../../../modules/core/providers';
import { regionsLike, suggestRegions } from '../../../modules/core/regions';
import { keyWords, secretKeyReason, secretValueReason } from '../../../modules/core/secret-detection';
import { isTagKey, isTagValue, withName } from '../../../modules/core/tags';
import { formatValue, isUnresolved, Validator } from '../../../modules/core/validation';
import { invalidMessage, outcomeOf, synthJson } from '../../support/synth-json';

/** "accepted", or the message of the ValidationError the validator throws. */
const outcomeOfChecks = (v: Validator): string => outcomeOf(() => v.throwIfInvalid());

const UUID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK = `mrk-${'0123456789abcdef'.repeat(2)}`;

describe('ARN helpers', () => {
  it.each([
    ['arn:aws:s3:::models', { partition: 'aws', region: '', account: '' }],
    [
      'arn:aws-cn:sns:cn-north-1:111122223333:alerts',
      { partition: 'aws-cn', region: 'cn-north-1', account: '111122223333' },
    ],
    ['arn', { partition: '', region: '', account: '' }],
  ])('splits %j into %j', (arn, parts) => {
    expect(arnComponents(arn)).toEqual(parts);
  });

  it('splits an unresolved ARN with Terraform functions', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const arn = new TerraformVariable(stack, 'arn', { type: 'string' }).stringValue;
    const parts = arnComponents(arn);
    new TerraformOutput(stack, 'parts', { value: parts });
    const { json } = synthJson(stack);
    expect((json.output as Record<string, { value: unknown }>).parts.value).toEqual({
      partition: '${element(split(":", var.arn), 1)}',
      region: '${element(split(":", var.arn), 3)}',
      account: '${element(split(":", var.arn), 4)}',
    });
  });

  it.each([
    ['111122223333', true],
    ['11112222333', false],
    ['1111222233334', false],
    ['x111122223333', false],
    ['11112222333x', false],
    ['abcdefghijkl', false],
    [111122223333 as unknown as string, false],
  ])('isAccountId(%j) is %j', (value, expected) => {
    expect(isAccountId(value)).toBe(expected);
  });

  it('knows every partition of the region list, and only those', () => {
    expect(PARTITIONS).toEqual([
      'aws',
      'aws-cn',
      'aws-us-gov',
      'aws-iso',
      'aws-iso-b',
      'aws-iso-e',
      'aws-iso-f',
      'aws-eusc',
    ]);
    expect(isPartition('aws-us-gov')).toBe(true);
    expect(isPartition('aws-gov')).toBe(false);
  });

  it.each([
    ['arn:aws:s3:::models', true],
    ['arn:aws-eusc:s3:::models', true],
    ['arn:aws:s3:::ab', false],
    ['arn:aws:s3:::models/key', false],
    ['xarn:aws:s3:::models', false],
    ['arn:aws:s3:::models ', false],
    [undefined as unknown as string, false],
  ])('isS3BucketArn(%j) is %j', (arn, expected) => {
    expect(isS3BucketArn(arn)).toBe(expected);
  });

  it.each([
    ['arn:aws:backup:us-east-1:111122223333:backup-vault:prod_vault-1', true],
    ['arn:aws:backup:us-east-1:111122223333:backup-vault:a', false],
    [`arn:aws:backup:us-east-1:111122223333:backup-vault:${'v'.repeat(51)}`, false],
    ['arn:aws:backup:us-east-1:11112222333:backup-vault:prod', false],
    ['arn:aws:backup:us-east-1:111122223333:backup-vault:prod!', false],
    [42 as unknown as string, false],
  ])('isBackupVaultArn(%j) is %j', (arn, expected) => {
    expect(isBackupVaultArn(arn)).toBe(expected);
  });

  it.each([
    ['arn:aws:iam::111122223333:role/service/app+ci@x', true],
    ['arn:aws-us-gov:iam::111122223333:role/app', true],
    ['arn:aws:iam::111122223333:user/app', false],
    ['arn:aws:iam::111122223333:role/', false],
    ['arn:aws:iam::111122223333:role/app ', false],
    [null as unknown as string, false],
  ])('isIamRoleArn(%j) is %j', (arn, expected) => {
    expect(isIamRoleArn(arn)).toBe(expected);
  });
});

describe('AWS naming rules', () => {
  it.each([
    [`arn:aws:kms:us-east-1:111122223333:key/${UUID}`, true],
    [`arn:aws-iso-b:kms:us-isob-east-1:111122223333:key/${MRK}`, true],
    [`arn:aws:kms:us-east-1:111122223333:key/${UUID.toUpperCase()}`, false],
    [`arn:aws:kms:us-east-1:111122223333:alias/app`, false],
    [`xarn:aws:kms:us-east-1:111122223333:key/${UUID}`, false],
    [`arn:aws:kms:us-east-1:111122223333:key/${UUID}x`, false],
    [`arn:aws:kms:US-EAST-1:111122223333:key/${UUID}`, false],
    [`arn:aws:kms::111122223333:key/${UUID}`, false],
    [`arn:aws:kms:us-east-1:11112222333:key/${UUID}`, false],
    [`arn:aws:kms:us-east-1:abcdefghijkl:key/${UUID}`, false],
    [`arn:aws:kms:us-east-1:111122223333:key/mrk-0123`, false],
    [`arn:awsx:kms:us-east-1:111122223333:key/${UUID}`, false],
    [undefined as unknown as string, false],
  ])('isKmsKeyArn(%j) is %j', (arn, expected) => {
    expect(isKmsKeyArn(arn)).toBe(expected);
  });

  it.each([
    [UUID, true],
    [MRK, true],
    ['alias/aws/ssm', true],
    [`alias/${'a'.repeat(250)}`, true],
    [`alias/${'a'.repeat(251)}`, false],
    ['alias/', false],
    [`arn:aws:kms:us-east-1:111122223333:key/${UUID}`, true],
    ['arn:aws:kms:us-east-1:111122223333:alias/app', true],
    [`${UUID}x`, false],
    [`x${UUID}`, false],
    ['alias/app key', false],
    ['arn:aws:kms:us-east-1:111122223333:alias/', false],
    [5 as unknown as string, false],
  ])('isKmsKeyReference(%j) is %j', (value, expected) => {
    expect(isKmsKeyReference(value)).toBe(expected);
  });

  it.each([
    ['arn:aws:sns:eu-west-1:111122223333:alerts', 'eu-west-1'],
    ['arn:aws:s3:::bucket', undefined],
    ['arn:aws:sns:eu-west-1:111122223333', undefined],
    ['nra:aws:sns:eu-west-1:111122223333:alerts', undefined],
    ['arn:aws:iam::111122223333:role/app', undefined],
  ])('regionOfArn(%j) is %j', (arn, region) => {
    expect(regionOfArn(arn)).toBe(region);
  });

  it.each([
    ['arn:aws:iam::111122223333:role/app', true],
    ['arn:aws:iam::111122223333:user/path/ci-bot', true],
    ['arn:aws-cn:iam::111122223333:role/app', true],
    ['arn:aws-us-gov:iam::111122223333:user/a', true],
    ['xarn:aws:iam::111122223333:role/app', false],
    ['arn:aws:iam::111122223333:role/app!', false],
    ['arn:aws:iam::11112222333:role/app', false],
    ['arn:aws:iam::abcdefghijkl:role/app', false],
    ['arn:aws:iam::111122223333:group/app', false],
    [`arn:aws:iam::111122223333:role/${'r'.repeat(512)}`, true],
    [`arn:aws:iam::111122223333:role/${'r'.repeat(513)}`, false],
    ['arn:aws:iam::111122223333:role/', false],
  ])('isIamPrincipalArn(%j) is %j', (arn, expected) => {
    expect(isIamPrincipalArn(arn)).toBe(expected);
  });

  it.each([
    ['arn:aws:sns:us-east-1:111122223333:alerts_prod-1', true],
    ['arn:aws-cn:sns:cn-north-1:111122223333:alerts', true],
    ['arn:aws-us-gov:sns:us-gov-west-1:111122223333:a', true],
    [`arn:aws:sns:us-east-1:111122223333:${'t'.repeat(256)}`, true],
    [`arn:aws:sns:us-east-1:111122223333:${'t'.repeat(257)}`, false],
    ['arn:aws:sns:us-east-1:111122223333:', false],
    ['arn:aws:sns:us-east-1:111122223333:alerts.fifo', false],
    ['arn:aws:sns::111122223333:alerts', false],
    ['arn:aws:sns:US-EAST-1:111122223333:alerts', false],
    ['arn:aws:sns:us-east-1:11112222333:alerts', false],
    ['arn:aws:sns:us-east-1:abcdefghijkl:alerts', false],
    ['xarn:aws:sns:us-east-1:111122223333:alerts', false],
    ['arn:aws:sns:us-east-1:111122223333:alerts ', false],
  ])('isSnsTopicArn(%j) is %j', (arn, expected) => {
    expect(isSnsTopicArn(arn)).toBe(expected);
  });

  it.each([
    ['us-east-1a', 'us-east-1', true],
    ['us-east-1', 'us-east-1', false],
    ['us-east-1ab', 'us-east-1', false],
    ['us-east-11', 'us-east-1', false],
    ['us-east-1A', 'us-east-1', false],
    ['us-west-1a', 'us-east-1', false],
  ])('isAzInRegion(%j, %j) is %j', (az, region, expected) => {
    expect(isAzInRegion(az, region)).toBe(expected);
  });

  it.each([
    ['oncall@example.com', true],
    ["o'brien+ml@sub.example.co.uk", true],
    [`${'a'.repeat(242)}@example.com`, true],
    [`${'a'.repeat(243)}@example.com`, false],
    ['oncall@example', false],
    ['oncall@-example.com', false],
    ['oncall@example-.com', false],
    ['on..call@example.com', false],
    ['oncall@example.com ', false],
    [' oncall@example.com', false],
    ['oncall@exa mple.com', false],
  ])('isValidEmail(%j) is %j', (email, expected) => {
    expect(isValidEmail(email)).toBe(expected);
  });

  it.each([
    ['t3.micro', true],
    ['m7i-flex.large', true],
    ['c6i.24xlarge', true],
    ['c6i.2xlarge', true],
    ['m5.metal', true],
    ['u-6tb1.metal', true],
    ['i4i.metal-24xl', true],
    ['c6i.124xlarge', false],
    ['t3.huge', false],
    ['t.micro', false],
    ['xt3.micro ', false],
    [' t3.micro', false],
    ['T3.micro', false],
  ])('isValidInstanceType(%j) is %j', (type, expected) => {
    expect(isValidInstanceType(type)).toBe(expected);
  });

  it.each([
    ['abc', []],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be 3 to 63 characters long']],
    ['ab', ['must be 3 to 63 characters long']],
    ['192.168.1.10', ['must not be formatted as an IP address']],
    ['x192.168.1.10', []],
    ['192.168.1.10x', []],
    ['xn--models', ['must not start with "xn--", "sthree-" or "amzn-s3-demo-"']],
    ['sthree-models', ['must not start with "xn--", "sthree-" or "amzn-s3-demo-"']],
    ['amzn-s3-demo-models', ['must not start with "xn--", "sthree-" or "amzn-s3-demo-"']],
    ['models-xn--a', []],
    ['models-s3alias', ['must not end with a reserved suffix']],
    ['models--ol-s3', ['must not end with a reserved suffix']],
    ['models--x-s3', ['must not end with a reserved suffix']],
    ['models--table-s3', ['must not end with a reserved suffix']],
    ['models-s3alias-v2', []],
  ])('bucketNameProblems(%j) is %j', (name, problems) => {
    expect(bucketNameProblems(name)).toEqual(problems);
  });

  it.each([
    ['abc', true],
    ['Orders_v2.prod-1', true],
    ['a'.repeat(255), true],
    ['a'.repeat(256), false],
    ['ab', false],
    ['x orders', false],
    ['orders!', false],
  ])('isValidDynamoTableName(%j) is %j', (name, expected) => {
    expect(isValidDynamoTableName(name)).toBe(expected);
  });

  it.each([
    [0, 1],
    [2, 3],
    [30, 30],
    [366, 400],
    [4000, 3653],
  ])('nearestLogRetention(%j) is %j (the next accepted value, never 0)', (days, nearest) => {
    expect(nearestLogRetention(days)).toBe(nearest);
  });
});

describe('tags', () => {
  it('adds Name last, over a Name in the tags', () => {
    expect(withName('api', { team: 'ml', Name: 'other' })).toEqual({ team: 'ml', Name: 'api' });
    expect(withName('api', undefined)).toEqual({ Name: 'api' });
  });

  it.each([
    ['team', true],
    ['cost-center:ml/app_1 +=.@', true],
    ['Équipe', true],
    ['k'.repeat(128), true],
    ['k'.repeat(129), false],
    ['', false],
    ['aws:createdBy', false],
    ['AWS:owner', false],
    ['my-aws:tag', true],
    ['team!', false],
    ['!team', false],
    ['team#1', false],
    [7 as unknown as string, false],
  ])('isTagKey(%j) is %j', (key, expected) => {
    expect(isTagKey(key)).toBe(expected);
  });

  it.each([
    ['', true],
    ['ml platform 2', true],
    ['v'.repeat(256), true],
    ['v'.repeat(257), false],
    ['a,b', false],
    [',ab', false],
    ['ab,', false],
    [null as unknown as string, false],
  ])('isTagValue(%j) is %j', (value, expected) => {
    expect(isTagValue(value)).toBe(expected);
  });
});

describe('providerRegion', () => {
  it('reads the region of the provider given, else of the default AWS provider of the stack', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const eu = new AwsProvider(stack, 'eu', { region: 'eu-west-1', alias: 'eu' });
    new AwsProvider(stack, 'aws', { region: 'us-east-2' });
    expect(providerRegion(stack, eu)).toBe('eu-west-1');
    expect(providerRegion(stack)).toBe('us-east-2');
  });

  it('ignores aliased providers when looking for the default, and unresolved regions', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'eu', { region: 'eu-west-1', alias: 'eu' });
    expect(providerRegion(stack)).toBeUndefined();
    const other = new TerraformStack(Testing.app(), 'other');
    const region = new TerraformVariable(other, 'region', { type: 'string' });
    new AwsProvider(other, 'aws', { region: region.stringValue });
    expect(providerRegion(other)).toBeUndefined();
    const none = new TerraformStack(Testing.app(), 'none');
    expect(providerRegion(none)).toBeUndefined();
  });
});

describe('regions', () => {
  it.each([
    ['cn-north-9', ['cn-north-1', 'cn-northwest-1']],
    ['us-gov-east-9', ['us-gov-east-1', 'us-gov-west-1']],
    ['us-isob-east-9', ['us-isob-east-1']],
    ['us-isof-east-9', ['us-isof-east-1', 'us-isof-south-1']],
    ['us-iso-east-9', ['us-iso-east-1', 'us-iso-west-1']],
    ['eu-isoe-west-9', ['eu-isoe-west-1']],
    ['eusc-de-east-9', ['eusc-de-east-1']],
  ])('regionsLike(%j) is the partition list %j', (region, regions) => {
    expect(regionsLike(region)).toEqual(regions);
  });

  it.each([
    ['xcn-north-1'],
    ['xus-gov-east-1'],
    ['xus-isob-east-1'],
    ['xus-isof-east-1'],
    ['xus-iso-east-1'],
    ['xeu-isoe-west-1'],
    ['xeusc-de-east-1'],
  ])('regionsLike(%j) falls back to the aws partition', (region) => {
    expect(regionsLike(region)).toContain('us-east-1');
  });

  it.each([
    ['us-east-9', ['us-east-1', 'us-east-2']],
    ['us-east-19', ['us-east-1', 'us-east-2']],
    ['cn-north-2', ['cn-north-1']],
    ['cn-northwest-3', ['cn-northwest-1']],
    ['mars-1', []],
    [undefined as unknown as string, []],
  ])('suggestRegions(%j) is %j', (region, suggestions) => {
    expect(suggestRegions(region)).toEqual(suggestions);
  });
});

describe('secret detection by name', () => {
  it.each([
    ['dbPassword_v2', ['DB', 'PASSWORD', 'V2']],
    ['__a--b..c', ['A', 'B', 'C']],
    ['', []],
    ['API.KEY-id', ['API', 'KEY', 'ID']],
  ])('keyWords(%j) is %j', (key, words) => {
    expect(keyWords(key)).toEqual(words);
  });

  it.each([
    ['DB_PASSWD', 'its name contains "PASSWD"'],
    ['DB_PWD', 'its name contains "PWD"'],
    ['SERVICE_CREDENTIAL', 'its name contains "CREDENTIAL"'],
    ['privateKey', 'its name contains "PRIVATE_KEY"'],
    ['APP_PRIVATEKEY', 'its name contains "PRIVATEKEY"'],
    ['AWS_SECRET_KEY_VALUE', 'its name contains "SECRET"'],
    ['JWT_AUTH_KEY', 'its name contains "AUTH_KEY"'],
    ['DATA_ENCRYPTION_KEY', 'its name contains "ENCRYPTION_KEY"'],
    ['OAUTH_CLIENT_SECRET_VALUE', 'its name contains "SECRET"'],
    ['DB_CONNECTION_STRING', 'its name contains "CONNECTION_STRING"'],
    ['AWS_ACCESS_KEY_ID', 'its name contains "ACCESS_KEY"'],
    ['API', undefined],
    ['KEY', undefined],
    ['', undefined],
  ])('secretKeyReason(%j) is %j', (key, reason) => {
    expect(secretKeyReason(key)).toBe(reason);
  });

  it.each([
    ['TOKEN_TTL_SECONDS'],
    ['TOKEN_REFRESH_MINUTES'],
    ['PASSWORD_MAX_HOURS'],
    ['PASSWORD_EXPIRY_DAYS'],
    ['PASSWORD_LOGIN_ENABLED'],
    ['TOKEN_CHECK_DISABLED'],
    ['SECRET_TYPE'],
    ['TOKEN_ENDPOINT'],
    ['SECRET_HOST'],
    ['TOKEN_PORT'],
    ['DB_PASSWORD_ARN'],
    ['SECRET_NAME'],
  ])('%j names a reference or a setting, not a secret', (key) => {
    expect(secretKeyReason(key)).toBeUndefined();
  });
});

describe('secret detection by value', () => {
  it.each([
    ['aws_secret_access_key=abc', 'an AWS secret access key assignment'],
    ['AWS_SECRET_ACCESS_KEY : abc', 'an AWS secret access key assignment'],
    ['aws_secret_access_key=', undefined],
    ['aws_secret_access_key = ', undefined],
    ['-----BEGIN PRIVATE KEY-----', 'a private key'],
    ['-----BEGIN RSA PRIVATE KEY-----', 'a private key'],
    ['postgres://app:hunter2@db:5432/app', 'credentials in a URL (user:password@)'],
    ['s3+http://u:p@host', 'credentials in a URL (user:password@)'],
    ['https://db.example.com:5432/app', undefined],
    [`eyJ${'a'.repeat(8)}.eyJ${'b'.repeat(8)}.c`, 'a JSON Web Token'],
    [`eyJ${'a'.repeat(7)}.eyJ${'b'.repeat(8)}.c`, undefined],
    [`ghp_${'a'.repeat(20)}`, 'a GitHub token'],
    [`ghp_${'a'.repeat(19)}`, undefined],
    [`xoxb-${'1'.repeat(10)}`, 'a Slack token'],
    [`xoxb-${'1'.repeat(9)}`, undefined],
    [`sk_live_${'a'.repeat(16)}`, 'a Stripe secret key'],
    [`sk_live_${'a'.repeat(15)}`, undefined],
    [`sk-${'a'.repeat(20)}`, 'an API secret key (sk-...)'],
    [`sk-ant-${'a'.repeat(20)}`, 'an API secret key (sk-...)'],
    [`sk-${'a'.repeat(19)}`, undefined],
  ])('secretValueReason(%j) is %j', (value, reason) => {
    expect(secretValueReason(value)).toBe(reason);
  });

  it('reads tokens inside a value as placeholders', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const password = new TerraformVariable(stack, 'password', { type: 'string' }).stringValue;
    expect(secretValueReason(`postgres://app:${password}@db/app`)).toBe(
      'credentials in a URL (user:password@)',
    );
    expect(secretValueReason(`https://${password}/app`)).toBeUndefined();
  });
});

describe('validation helpers', () => {
  it.each([
    [undefined, 'undefined'],
    [null, 'null'],
    ['a', '"a"'],
    [3, '3'],
    [[1, 2], '[1,2]'],
    ['x'.repeat(300), `"${'x'.repeat(300)}"`],
    [['x'.repeat(198)], `["${'x'.repeat(195)}...`],
    [['x'.repeat(196)], `["${'x'.repeat(196)}"]`],
  ])('formatValue(%j)', (value, shown) => {
    expect(formatValue(value)).toBe(shown);
  });

  it('formats a value JSON cannot render with String()', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe('[object Object]');
    expect(formatValue(10n)).toBe('10');
  });

  it('finds unresolved values in strings, numbers and lists, not in plain values', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const v = new TerraformVariable(stack, 'v', { type: 'string' });
    expect(isUnresolved(undefined)).toBe(false);
    expect(isUnresolved(null)).toBe(false);
    expect(isUnresolved('plain')).toBe(false);
    expect(isUnresolved(3)).toBe(false);
    expect(isUnresolved(v.stringValue)).toBe(true);
    expect(isUnresolved(v.numberValue)).toBe(true);
    expect(isUnresolved(['a', v.stringValue])).toBe(true);
    expect(isUnresolved(['a', 'b'])).toBe(false);
    expect(isUnresolved(v.listValue)).toBe(true);
    expect(isUnresolved({ a: 1 })).toBe(false);
  });

  it.each([
    [1, undefined],
    [10, undefined],
    [0, 'must be a whole number from 1 to 10'],
    [11, 'must be a whole number from 1 to 10'],
    [1.5, 'must be a whole number from 1 to 10'],
  ])('checkIntRange(%j, 1, 10)', (value, problem) => {
    const v = new Validator('test');
    v.checkIntRange(value, 1, 10, 'count');
    expect(outcomeOfChecks(v)).toBe(
      problem === undefined
        ? 'accepted'
        : invalidMessage(
            'test',
            `count = ${value}: ${problem}. Fix: set count to a whole number from 1 to 10`,
          ),
    );
  });

  it.each([
    [0.5, undefined],
    [2.5, undefined],
    [0.4, 'must be a number from 0.5 to 2.5'],
    [2.6, 'must be a number from 0.5 to 2.5'],
    [Number.NaN, 'must be a number from 0.5 to 2.5'],
    [Number.POSITIVE_INFINITY, 'must be a number from 0.5 to 2.5'],
    [undefined, undefined],
  ])('checkRange(%j, 0.5, 2.5)', (value, problem) => {
    const v = new Validator('test');
    v.checkRange(value, 0.5, 2.5, 'ratio');
    expect(outcomeOfChecks(v)).toBe(
      problem === undefined
        ? 'accepted'
        : invalidMessage(
            'test',
            `ratio = ${formatValue(value)}: ${problem}. Fix: set ratio to a number from 0.5 to 2.5`,
          ),
    );
  });

  it('skips range checks of unresolved numbers', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const n = new TerraformVariable(stack, 'n', { type: 'number' }).numberValue;
    const v = new Validator('test');
    v.checkRange(n, 0, 1, 'ratio');
    v.checkIntRange(n, 0, 1, 'count');
    expect(outcomeOfChecks(v)).toBe('accepted');
  });
});
