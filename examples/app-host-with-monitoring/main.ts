/**
 * The full app host with monitoring: a VPC, a Compose host in the private subnets running a
 * small Compose project (a web server and a worker), its container logs in a log group, and
 * CloudWatch alarms on CPU, memory and disk that notify an encrypted SNS topic.
 *
 * In your project the imports read `@ml-platform/cdktf-aws/compose-host`, `/monitoring`, ...
 */
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CW_AGENT_METRICS, CW_AGENT_NAMESPACE, ComposeHost } from '../../modules/compose-host';
import { AlarmTopic, LogGroup } from '../../modules/monitoring';
import { applyPolicyPack } from '../../modules/policy';
import { SecurityGroup } from '../../modules/security-group';
import { Vpc } from '../../modules/vpc';

const REGION = 'us-east-1';

export class AppHostStack extends TerraformStack {
  public readonly host: ComposeHost;
  public readonly topic: AlarmTopic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', {
      region: REGION,
      defaultTags: [{ tags: { Project: 'catalog', Environment: 'dev', ManagedBy: 'cdktf' } }],
    });

    const vpc = new Vpc(this, 'network', {
      name: 'catalog-dev',
      cidrBlock: '10.101.0.0/16',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      region: REGION,
      natGateways: 'single',
      gatewayEndpoints: ['s3'],
    });

    // No inbound rules: the host pulls images and reaches AWS APIs, and is managed through
    // Session Manager. A load balancer would add `allowFrom(albGroup, 8080, ...)`.
    const group = new SecurityGroup(this, 'host-sg', {
      name: 'catalog-dev-host',
      vpcId: vpc.vpcId,
      description: 'Catalog Compose host',
      egress: [
        {
          port: 443,
          description: 'HTTPS: image registries and AWS APIs',
          destination: { cidrs: ['0.0.0.0/0'] },
        },
        { port: 80, description: 'HTTP: OS package mirrors', destination: { cidrs: ['0.0.0.0/0'] } },
      ],
    });

    const logs = new LogGroup(this, 'logs', { name: '/catalog/dev/host', retentionInDays: 30 });

    this.host = new ComposeHost(this, 'host', {
      name: 'catalog-dev',
      region: REGION,
      subnetIds: vpc.privateSubnetIds,
      securityGroupIds: [group.securityGroupId],
      instanceType: 't3.small',
      compose: {
        services: {
          web: {
            image: 'nginx:1.27.2',
            restart: 'unless-stopped',
            ports: ['8080:80'],
          },
          worker: {
            image: 'busybox:1.36.1',
            restart: 'unless-stopped',
            command: ['sh', '-c', 'while true; do date; sleep 60; done'],
          },
        },
      },
      logGroups: {
        web: { name: logs.logGroupName, arn: logs.logGroupArn },
        worker: { name: logs.logGroupName, arn: logs.logGroupArn },
      },
      healthCheck: { urls: ['http://127.0.0.1:8080/'] },
    });

    this.topic = new AlarmTopic(this, 'alarms', {
      topicName: 'catalog-dev-alarms',
      emails: ['oncall@example.com'],
    });

    // The agent's metrics carry one dimension (the Auto Scaling group in this mode), so the
    // alarms survive the host being replaced.
    const dimensions = { ...this.host.cloudWatchAgentDimensions };
    const alarm = (key: string, metricName: string, namespace: string, threshold: number, what: string) =>
      new CloudwatchMetricAlarm(this, key, {
        alarmName: `catalog-dev-${key}`,
        alarmDescription: `${what} on the catalog-dev host`,
        namespace,
        metricName,
        dimensions,
        statistic: 'Average',
        period: 300,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        threshold,
        comparisonOperator: 'GreaterThanThreshold',
        // No data means the host is being replaced (its own health check covers that).
        treatMissingData: 'missing',
        alarmActions: [this.topic.topicArn],
        okActions: [this.topic.topicArn],
      });
    alarm('cpu-high', 'CPUUtilization', 'AWS/EC2', 80, 'CPU above 80 %');
    alarm('memory-high', CW_AGENT_METRICS.memUsedPercent, CW_AGENT_NAMESPACE, 85, 'Memory above 85 %');
    alarm('disk-high', CW_AGENT_METRICS.diskUsedPercent, CW_AGENT_NAMESPACE, 80, 'Root volume above 80 %');

    new TerraformOutput(this, 'alarm_topic_arn', { value: this.topic.topicArn, description: 'Alarm topic' });
  }
}

/** Adds the example's stacks to `app`, each under the policy pack. */
export function build(app: App): TerraformStack[] {
  const stack = new AppHostStack(app, 'example-app-host-with-monitoring');
  applyPolicyPack(stack);
  return [stack];
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
