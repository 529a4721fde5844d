import { TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Certificate, CertificateProps } from '../../../modules/certificate';
import { validationGroups } from '../../../modules/certificate/certificate';
import { newStack, ofType, problemsOf, synth } from '../alb/helpers';

const ZONE = 'Z0123456789ABCDEFGHIJ';
const BASE: CertificateProps = { domainName: 'app.example.com', hostedZoneId: ZONE };

function build(props: Partial<CertificateProps> = {}) {
  const stack = newStack();
  const cert = new Certificate(stack, 'cert', { ...BASE, ...props });
  return { cert, json: synth(stack), stack };
}

/** `${{ for ... }["<domain>"].<attribute>}` -> `<domain>.<attribute>` */
function lookup(expression: unknown): string {
  const m =
    /^\$\{\{ for key, val in toset\(tolist\(aws_acm_certificate\.[^)]+\.domain_validation_options\)\): val\.domain_name => val \}\["([^"]+)"\]\.(\w+)\}$/.exec(
      String(expression),
    );
  return m ? `${m[1]}.${m[2]}` : `unexpected: ${String(expression)}`;
}

describe('Certificate defaults', () => {
  const { json, cert } = build();
  it('requests an RSA 2048, DNS-validated, CT-logged certificate, replaced create-before-destroy', () => {
    expect(ofType(json, 'aws_acm_certificate')).toEqual([
      {
        domain_name: 'app.example.com',
        validation_method: 'DNS',
        key_algorithm: 'RSA_2048',
        options: { certificate_transparency_logging_preference: 'ENABLED' },
        lifecycle: { create_before_destroy: true },
        tags: { Name: 'app.example.com' },
      },
    ]);
  });
  it('creates one validation record in the zone, read from the validation options by name', () => {
    const [record] = ofType(json, 'aws_route53_record');
    expect({
      ...record,
      name: lookup(record.name),
      type: lookup(record.type),
      records: (record.records as string[]).map(lookup),
    }).toEqual({
      zone_id: ZONE,
      name: 'app.example.com.resource_record_name',
      type: 'app.example.com.resource_record_type',
      records: ['app.example.com.resource_record_value'],
      ttl: 60,
      allow_overwrite: true,
    });
  });
  it('waits for issuance, and certificateArn comes from the validation', () => {
    expect(ofType(json, 'aws_acm_certificate_validation')).toEqual([
      {
        certificate_arn: expect.stringMatching(/^\$\{aws_acm_certificate\.[^}]+\.arn\}$/),
        validation_record_fqdns: [expect.stringMatching(/^\$\{aws_route53_record\.[^}]+\.fqdn\}$/)],
        timeouts: { create: '45m' },
      },
    ]);
    expect(cert.domainNames).toEqual(['app.example.com']);
    expect(Object.keys(cert.validationRecords)).toEqual(['app.example.com']);
    expect(cert.validation).toBeDefined();
  });
});

describe('Certificate with SANs that share validation records', () => {
  const { json } = build({
    domainName: 'example.com',
    subjectAlternativeNames: ['*.example.com', 'api.example.com', '*.api.example.com', 'www.example.org'],
    hostedZoneId: ZONE,
  });
  it('creates one record per distinct record: x and *.x share one', () => {
    const names = ofType(json, 'aws_route53_record')
      .map((r) => lookup(r.name))
      .sort();
    expect(names).toEqual([
      'api.example.com.resource_record_name',
      'example.com.resource_record_name',
      'www.example.org.resource_record_name',
    ]);
    expect(
      (ofType(json, 'aws_acm_certificate_validation')[0].validation_record_fqdns as string[]).length,
    ).toBe(3);
  });
  it('groups names by the record they need', () => {
    expect(validationGroups(['*.example.com', 'example.com', 'a.example.com'])).toEqual([
      { baseName: 'example.com', domainName: '*.example.com', names: ['*.example.com', 'example.com'] },
      { baseName: 'a.example.com', domainName: 'a.example.com', names: ['a.example.com'] },
    ]);
  });
});

describe('Certificate options', () => {
  it('records created elsewhere: no records, no validation, the plain ARN', () => {
    const { json, cert } = build({ hostedZoneId: undefined, createValidationRecords: false });
    expect(json.resource.aws_route53_record).toBeUndefined();
    expect(json.resource.aws_acm_certificate_validation).toBeUndefined();
    expect(cert.validation).toBeUndefined();
    expect(cert.validationRecords).toEqual({});
    expect(cert.domainValidationOptions).toBeDefined();
  });

  it('ECDSA key, CT logging off, longer TTL and timeout, a us-east-1 provider for CloudFront', () => {
    const stack = newStack();
    const east = new AwsProvider(stack, 'east', { region: 'us-east-1', alias: 'us_east_1' });
    new Certificate(stack, 'cert', {
      ...BASE,
      keyAlgorithm: 'EC_prime256v1',
      transparencyLogging: false,
      validationRecordTtlInSeconds: 300,
      validationTimeoutInMinutes: 90,
      provider: east,
      tags: { Team: 'web' },
    });
    const json = synth(stack);
    expect(ofType(json, 'aws_acm_certificate')[0]).toMatchObject({
      provider: 'aws.us_east_1',
      key_algorithm: 'EC_prime256v1',
      options: { certificate_transparency_logging_preference: 'DISABLED' },
      tags: { Team: 'web', Name: 'app.example.com' },
    });
    expect(ofType(json, 'aws_acm_certificate_validation')[0]).toMatchObject({
      provider: 'aws.us_east_1',
      timeouts: { create: '90m' },
    });
    expect(ofType(json, 'aws_route53_record')[0].ttl).toBe(300);
    expect(ofType(json, 'aws_route53_record')[0].provider).toBeUndefined();
  });
});

describe('Certificate validation', () => {
  const cases: [string, Partial<CertificateProps>, string, unknown, string, string][] = [
    [
      'an upper-case name',
      { domainName: 'App.example.com' },
      'domainName',
      'App.example.com',
      'has upper-case letters',
      'lower-case',
    ],
    [
      'a single-label name',
      { domainName: 'localhost' },
      'domainName',
      'localhost',
      'needs at least two labels',
      'app.example.com',
    ],
    [
      'a wildcard in the middle',
      { domainName: 'a.*.example.com' },
      'domainName',
      'a.*.example.com',
      'has "*" other than as the whole leftmost label',
      'lower-case',
    ],
    [
      'a label starting with a hyphen',
      { domainName: '-a.example.com' },
      'domainName',
      '-a.example.com',
      'has invalid labels "-a"',
      'lower-case',
    ],
    [
      'a 65-character main name',
      { domainName: `${'a'.repeat(53)}.example.com` },
      'domainName',
      `${'a'.repeat(53)}.example.com`,
      'is longer than 64 characters',
      'subjectAlternativeNames',
    ],
    [
      'a trailing dot',
      { subjectAlternativeNames: ['www.example.com.'] },
      'subjectAlternativeNames[0]',
      'www.example.com.',
      'ends with a dot',
      'lower-case',
    ],
    [
      'a repeated name',
      { subjectAlternativeNames: ['app.example.com'] },
      'subjectAlternativeNames',
      ['app.example.com'],
      'repeats a name',
      'list each name once',
    ],
    [
      '101 names',
      { subjectAlternativeNames: Array.from({ length: 100 }, (_, i) => `h${i}.example.com`) },
      'subjectAlternativeNames',
      100,
      'more than 100 names',
      'split the names',
    ],
    [
      'a name outside the zone',
      { hostedZoneName: 'example.org' },
      'domainName',
      'app.example.com',
      'is not in the hosted zone example.org',
      'names inside the zone',
    ],
    [
      'no zone',
      { hostedZoneId: undefined },
      'hostedZoneId',
      undefined,
      'is required to create the validation records',
      'createValidationRecords: false',
    ],
    [
      'a zone id with its prefix',
      { hostedZoneId: `/hostedzone/${ZONE}` },
      'hostedZoneId',
      `/hostedzone/${ZONE}`,
      'is not a Route 53 hosted zone id',
      'without "/hostedzone/"',
    ],
    [
      'a zone id in lower case',
      { hostedZoneId: ZONE.toLowerCase() },
      'hostedZoneId',
      ZONE.toLowerCase(),
      'is not a Route 53 hosted zone id',
      'Z0123456789ABCDEFGHIJ',
    ],
    [
      'a zone with records off',
      { createValidationRecords: false },
      'hostedZoneId',
      ZONE,
      'createValidationRecords is false',
      'remove hostedZoneId',
    ],
    [
      'an RSA 4096 key',
      { keyAlgorithm: 'RSA_4096' as 'RSA_2048' },
      'keyAlgorithm',
      'RSA_4096',
      'is not one of RSA_2048, EC_prime256v1, EC_secp384r1',
      'EC_prime256v1',
    ],
    [
      'a 59 s TTL',
      { validationRecordTtlInSeconds: 59 },
      'validationRecordTtlInSeconds',
      59,
      'from 60 to 172800',
      'from 60 to 172800',
    ],
    [
      'a 181-minute timeout',
      { validationTimeoutInMinutes: 181 },
      'validationTimeoutInMinutes',
      181,
      'from 1 to 180',
      'from 1 to 180',
    ],
  ];
  it.each(cases)('refuses %s', (_name, props, field, value, problem, fix) => {
    expect(problemsOf(() => build(props))).toContainEqual({
      field,
      value,
      problem: expect.stringContaining(problem),
      fix: expect.stringContaining(fix),
    });
  });

  const accepted: [string, Partial<CertificateProps>][] = [
    ['a 64-character main name', { domainName: `${'a'.repeat(52)}.example.com` }],
    [
      'a 253-character SAN',
      {
        subjectAlternativeNames: [
          `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(49)}.example.com`,
        ],
      },
    ],
    ['100 names', { subjectAlternativeNames: Array.from({ length: 99 }, (_, i) => `h${i}.example.com`) }],
    ['a wildcard main name', { domainName: '*.example.com' }],
    [
      'names inside the zone, apex included',
      {
        domainName: 'example.com',
        subjectAlternativeNames: ['*.example.com'],
        hostedZoneName: 'example.com',
      },
    ],
    [
      'a 60 s TTL and a 180-minute timeout',
      { validationRecordTtlInSeconds: 60, validationTimeoutInMinutes: 180 },
    ],
    [
      'a zone id that is a token',
      { hostedZoneId: new TerraformVariable(newStack('v'), 'zone', { type: 'string' }).stringValue },
    ],
  ];
  it.each(accepted)('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
