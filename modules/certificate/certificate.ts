import { Construct } from 'constructs';
import { Fn, TerraformIterator, TerraformProvider, Token } from 'cdktf';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Validator } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { domainNameProblems, isInZone, isValidHostedZoneId } from '../dns/domain-names';

/**
 * Key algorithm of the certificate. RSA 2048 works with every client; ECDSA P-256 gives smaller,
 * faster handshakes and is supported by every current browser and TLS library.
 */
export type CertificateKeyAlgorithm = 'RSA_2048' | 'EC_prime256v1' | 'EC_secp384r1';
const KEY_ALGORITHMS: readonly CertificateKeyAlgorithm[] = ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'];

/** Props of {@link Certificate}. */
export interface CertificateProps {
  /**
   * The certificate's main name (subject CN), e.g. `app.example.com` or `*.example.com`; at most
   * 64 characters (ACM's limit for the first name). Lower case.
   */
  readonly domainName: string;
  /**
   * More names on the certificate (up to 253 characters each; 100 names in all, but ACM's default
   * quota is 10, raisable). `example.com` and `*.example.com` share one validation record.
   * @default []
   */
  readonly subjectAlternativeNames?: string[];
  /**
   * Route 53 hosted zone (id such as `Z0123456789ABCDEFGHIJ`) that holds the validation records;
   * every name must be in it. Required unless `createValidationRecords` is false.
   * @default - none (only with createValidationRecords: false)
   */
  readonly hostedZoneId?: string;
  /**
   * Name of that hosted zone, e.g. `example.com`. When given, each certificate name is checked to
   * lie inside it (a name outside the zone would leave the certificate pending forever).
   * @default - not checked
   */
  readonly hostedZoneName?: string;
  /**
   * Create the DNS validation records and wait for issuance (`aws_acm_certificate_validation`).
   * Turn off when the zone is managed elsewhere (another account or DNS provider): then copy the
   * records from `domainValidationOptions`, and `certificateArn` is the ARN of a certificate that
   * may still be pending (listeners reject it until it is issued).
   * @default true
   */
  readonly createValidationRecords?: boolean;
  /** @default 'RSA_2048' */
  readonly keyAlgorithm?: CertificateKeyAlgorithm;
  /**
   * Record the certificate in public Certificate Transparency logs. Browsers distrust public
   * certificates that are not logged, and CT lets you spot certificates issued for your domains
   * without your knowledge; turning it off only hides host names.
   * @default true
   */
  readonly transparencyLogging?: boolean;
  /** TTL of the validation records in seconds (60-172800). @default 60 */
  readonly validationRecordTtlInSeconds?: number;
  /** How long Terraform waits for issuance, in minutes (1-180). @default 45 */
  readonly validationTimeoutInMinutes?: number;
  /**
   * Provider of the certificate, e.g. an aliased `us-east-1` provider for a CloudFront
   * certificate. Validation records use the stack's default provider (Route 53 is global).
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
  /** Tags of the certificate; `Name` is set to `domainName`. @default - none */
  readonly tags?: Tags;
}

/** The names of a certificate that share one validation record, and the name ACM lists it under. */
export interface ValidationGroup {
  /** The name without a leading `*.`: what the validation record is for. */
  readonly baseName: string;
  /** The first certificate name of the group, as ACM reports it in `domain_validation_options`. */
  readonly domainName: string;
  /** Every certificate name of the group. */
  readonly names: readonly string[];
}

/**
 * Groups certificate names by the validation record they need: `x` and `*.x` share one (ACM
 * validates both with the same CNAME), every other name has its own.
 */
export function validationGroups(names: readonly string[]): ValidationGroup[] {
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const base = n.replace(/^\*\./, '');
    groups.set(base, [...(groups.get(base) ?? []), n]);
  }
  return [...groups.entries()].map(([baseName, list]) => ({ baseName, domainName: list[0], names: list }));
}

/**
 * A public ACM certificate validated through DNS: the certificate (`create_before_destroy`, so a
 * change of names never leaves listeners without one), one Route 53 validation record per distinct
 * record needed, and an `aws_acm_certificate_validation` that waits for issuance. ACM renews it
 * automatically as long as the records stay.
 *
 * `certificateArn` comes from the validation resource, so a listener using it waits until the
 * certificate is issued.
 */
export class Certificate extends Construct {
  public readonly certificate: AcmCertificate;
  /** The certificate ARN, available once issued (or at once without validation records). */
  public readonly certificateArn: string;
  /** Every name on the certificate, main name first. */
  public readonly domainNames: readonly string[];
  /** The validation records created here, by the name they validate (empty when off). */
  public readonly validationRecords: Readonly<Record<string, Route53Record>>;
  /** The validation resource; undefined when records are not created here. */
  public readonly validation?: AcmCertificateValidation;

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    const sans = props.subjectAlternativeNames ?? [];
    const createRecords = props.createValidationRecords ?? true;
    this.validate(props, sans, createRecords);

    const names = [props.domainName, ...sans];
    this.domainNames = names;
    this.certificate = new AcmCertificate(this, 'certificate', {
      provider: props.provider,
      domainName: props.domainName,
      subjectAlternativeNames: sans.length > 0 ? sans : undefined,
      validationMethod: 'DNS',
      keyAlgorithm: props.keyAlgorithm ?? 'RSA_2048',
      options: {
        certificateTransparencyLoggingPreference:
          (props.transparencyLogging ?? true) ? 'ENABLED' : 'DISABLED',
      },
      tags: withName(props.domainName, props.tags),
      // A replacement (new names, new key algorithm) is issued before the old one is deleted, so
      // listeners switch over instead of failing ("certificate in use") or serving none.
      lifecycle: { createBeforeDestroy: true },
    });

    const records: Record<string, Route53Record> = {};
    if (createRecords) {
      // domain_validation_options is a set: index it by domain name so each record reads its own
      // entry. The keys are the literal names given here, so the plan knows every record.
      const byDomain = TerraformIterator.fromList(
        this.certificate.domainValidationOptions,
      ).forExpressionForMap('val.domain_name', 'val');
      const option = (domain: string, attribute: string) =>
        Token.asString(Fn.lookupNested(byDomain, [domain, attribute]));
      for (const group of validationGroups(names)) {
        records[group.baseName] = new Route53Record(
          this,
          `validation-${group.baseName.replace(/[^a-z0-9-]/g, '-')}`,
          {
            zoneId: props.hostedZoneId as string,
            name: option(group.domainName, 'resource_record_name'),
            type: option(group.domainName, 'resource_record_type'),
            records: [option(group.domainName, 'resource_record_value')],
            ttl: props.validationRecordTtlInSeconds ?? 60,
            // The record is the same for every certificate of this account and name, so a record
            // left by an earlier certificate (or another stack) is taken over, not a conflict.
            allowOverwrite: true,
          },
        );
      }
      this.validation = new AcmCertificateValidation(this, 'validation', {
        provider: props.provider,
        certificateArn: this.certificate.arn,
        validationRecordFqdns: Object.values(records).map((r) => r.fqdn),
        timeouts: { create: `${props.validationTimeoutInMinutes ?? 45}m` },
      });
    }
    this.validationRecords = records;
    this.certificateArn = this.validation?.certificateArn ?? this.certificate.arn;
  }

  /**
   * The records to create in DNS (`domain_name`, `resource_record_name`, `resource_record_type`,
   * `resource_record_value`), for a zone managed elsewhere.
   */
  public get domainValidationOptions() {
    return this.certificate.domainValidationOptions;
  }

  private validate(props: CertificateProps, sans: readonly string[], createRecords: boolean): void {
    const v = new Validator(this);
    const nameChecks: [string, string, number][] = [
      ['domainName', props.domainName, 64],
      ...sans.map((s, i): [string, string, number] => [`subjectAlternativeNames[${i}]`, s, 253]),
    ];
    for (const [field, name, max] of nameChecks) {
      if (Token.isUnresolved(name)) continue;
      const problems = domainNameProblems(name, { wildcard: true, maxLength: max });
      v.check(
        problems.length === 0,
        field,
        name,
        `is not a valid certificate name (${problems.join('; ')})`,
        field === 'domainName' && name?.length > 64
          ? 'use a shorter main name (ACM limits it to 64 characters) and put the long one in subjectAlternativeNames'
          : 'use a lower-case name such as "app.example.com" or "*.example.com"',
      );
      if (props.hostedZoneName !== undefined && problems.length === 0) {
        v.check(
          isInZone(name.replace(/^\*\./, ''), props.hostedZoneName),
          field,
          name,
          `is not in the hosted zone ${props.hostedZoneName}, so its validation record cannot be created there`,
          'use names inside the zone, or issue a separate certificate validated in the other zone',
        );
      }
    }
    const all = [props.domainName, ...sans].filter((n) => !Token.isUnresolved(n));
    const dupes = all.filter((n, i) => all.indexOf(n) !== i);
    v.check(
      dupes.length === 0,
      'subjectAlternativeNames',
      dupes,
      'repeats a name already on the certificate',
      'list each name once',
    );
    v.check(
      1 + sans.length <= 100,
      'subjectAlternativeNames',
      sans.length,
      'makes more than 100 names, the most an ACM certificate can hold',
      'split the names over several certificates (a listener takes more with additionalCertificateArns)',
    );
    if (createRecords) {
      v.check(
        props.hostedZoneId !== undefined && props.hostedZoneId !== '',
        'hostedZoneId',
        props.hostedZoneId,
        'is required to create the validation records',
        'pass the id of the public hosted zone of the names, or set createValidationRecords: false and create the records elsewhere',
      );
    } else {
      for (const [field, value] of [
        ['hostedZoneId', props.hostedZoneId],
        ['validationRecordTtlInSeconds', props.validationRecordTtlInSeconds],
        ['validationTimeoutInMinutes', props.validationTimeoutInMinutes],
      ] as const) {
        v.check(
          value === undefined,
          field,
          value,
          'is set, but createValidationRecords is false (no records, no validation wait)',
          `remove ${field}, or leave createValidationRecords at true`,
        );
      }
    }
    v.checkOptional(
      props.hostedZoneId,
      isValidHostedZoneId,
      'hostedZoneId',
      'is not a Route 53 hosted zone id',
      'use the id only, such as "Z0123456789ABCDEFGHIJ" (without "/hostedzone/")',
    );
    v.checkOptional(
      props.hostedZoneName,
      (z) => domainNameProblems(z).length === 0,
      'hostedZoneName',
      'is not a domain name',
      'use the zone name without a trailing dot, e.g. "example.com"',
    );
    v.checkOptional(
      props.keyAlgorithm,
      (k) => KEY_ALGORITHMS.includes(k),
      'keyAlgorithm',
      `is not one of ${KEY_ALGORITHMS.join(', ')} (the algorithms ACM issues public certificates with)`,
      'leave it unset (RSA_2048) or use "EC_prime256v1"',
    );
    v.checkIntRange(props.validationRecordTtlInSeconds, 60, 172800, 'validationRecordTtlInSeconds');
    v.checkIntRange(props.validationTimeoutInMinutes, 1, 180, 'validationTimeoutInMinutes');
    v.throwIfInvalid();
  }
}
