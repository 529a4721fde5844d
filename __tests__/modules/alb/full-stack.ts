import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ApplicationLoadBalancer } from '../../../modules/alb';
import { Certificate } from '../../../modules/certificate';
import { AliasRecord, loadBalancerAliasTarget } from '../../../modules/dns';
import { AlarmTopic, AlbAlarms } from '../../../modules/monitoring';
import { SecurityGroup } from '../../../modules/security-group';
import { FullStack } from '../../support/full-stack';
import { CERT2, SUBNETS, VPC, WAF } from './helpers';

export const ZONE_ID = 'Z0123456789ABCDEFGHIJ';

/**
 * Every feature of the front-door modules at once: a dual-stack ALB with a validated certificate,
 * an extra certificate, a web ACL, access and connection logs, an API target group for everyone
 * and an admin-only Grafana target group, security groups wired both ways, A/AAAA aliases and the
 * alarms on an encrypted topic.
 */
export function buildFrontDoor(app: App = Testing.app(), id = 'front-door'): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const certificate = new Certificate(stack, 'certificate', {
    domainName: 'example.com',
    subjectAlternativeNames: ['*.example.com', 'api.example.com'],
    hostedZoneId: ZONE_ID,
    hostedZoneName: 'example.com',
    keyAlgorithm: 'EC_prime256v1',
  });
  const alb = new ApplicationLoadBalancer(stack, 'alb', {
    name: 'front-door',
    region: 'us-east-1',
    vpcId: VPC,
    subnetIds: SUBNETS,
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    ipAddressType: 'dualstack',
    certificateArn: certificate.certificateArn,
    additionalCertificateArns: [CERT2],
    webAclArn: WAF,
    accessLogs: { connectionLogs: true, createBucket: { expirationInDays: 90 } },
    idleTimeoutInSeconds: 120,
    desyncMitigationMode: 'strictest',
  });
  const hosts = new SecurityGroup(stack, 'hosts', { name: 'front-door-hosts', vpcId: VPC });
  const api = alb.addTargetGroup('api', {
    name: 'front-door-api',
    port: 8000,
    healthCheck: { path: '/health' },
    stickiness: { durationInSeconds: 3600 },
  });
  const grafana = alb.addTargetGroup('grafana', {
    name: 'front-door-grafana',
    port: 3000,
    healthCheck: { path: '/api/health' },
  });
  const tasks = alb.addTargetGroup('tasks', {
    name: 'front-door-tasks',
    targetType: 'ip',
    port: 8080,
    slowStartInSeconds: 60,
  });
  alb.addRule('grafana', {
    priority: 10,
    hostHeaders: ['grafana.example.com'],
    sourceCidrs: ['203.0.113.0/24'],
    targetGroup: grafana,
  });
  alb.addRule('api', { priority: 20, hostHeaders: ['api.example.com'], targetGroup: api });
  alb.addRule('tasks', {
    priority: 30,
    pathPatterns: ['/tasks/*'],
    httpRequestMethods: ['GET', 'POST'],
    targetGroup: tasks,
  });
  alb.connectTo(hosts, 8000);
  alb.connectTo(hosts, 3000, { key: 'grafana' });
  alb.connectTo({ securityGroupId: 'sg-0123456789abcdef0' }, 8080, { key: 'tasks' });
  for (const name of ['example.com', 'api.example.com', 'grafana.example.com']) {
    new AliasRecord(stack, `dns-${name.replace(/\./g, '-')}`, {
      zoneId: ZONE_ID,
      zoneName: 'example.com',
      recordName: name,
      target: loadBalancerAliasTarget(alb),
    });
  }
  const topic = new AlarmTopic(stack, 'topic', {
    topicName: 'front-door-alarms',
    emails: ['oncall@example.com'],
  });
  new AlbAlarms(stack, 'alarms', {
    name: 'front-door',
    loadBalancer: alb,
    targetGroups: { api, grafana, tasks },
    topicArn: topic.topicArn,
  });
  return stack;
}

/**
 * The front door against the AWS provider: the certificate's shared validation records and the
 * load balancer's hardening as the provider plans them.
 */
export const fullStack: FullStack = {
  name: 'alb',
  description:
    'front door: certificate, dual-stack ALB with logs, WAF, rules, security groups, aliases, alarms',
  build: (app) => buildFrontDoor(app, 'alb'),
  expectations: {
    'plans two validation records for three certificate names (x and *.x share one)': (plan) => {
      expect(plan.ofType('aws_acm_certificate')).toHaveLength(1);
      expect(plan.ofType('aws_route53_record').filter((c) => c.address.includes('validation'))).toHaveLength(
        2,
      );
    },
    'plans the load balancer with its hardening attributes': (plan) => {
      expect(plan.afterOf('aws_lb')).toEqual([
        expect.objectContaining({
          drop_invalid_header_fields: true,
          desync_mitigation_mode: 'strictest',
          enable_deletion_protection: true,
          ip_address_type: 'dualstack',
        }),
      ]);
    },
  },
};
