import { Token } from 'cdktf';
import { ContainerLogSettings } from '../../../modules/ecs-fargate';
import {
  imageTag,
  isRootUser,
  renderContainer,
  renderContainerDefinitions,
  scratchVolumes,
  secretValueFrom,
} from '../../../modules/ecs-fargate/container-definition';
import { lazy } from '../../support/lazy';
import { IMAGE, PARAMETER_ARN, SECRET_ARN } from './helpers';

const LOGS: ContainerLogSettings = {
  region: 'us-east-1',
  logGroupName: '/ecs/api',
  streamPrefix: 'api',
  mode: 'non-blocking',
  maxBufferSize: '25m',
};

describe('container definition rendering', () => {
  describe('a minimal container', () => {
    const def = lazy(() => renderContainer({ name: 'api', image: IMAGE }, LOGS, []));

    it('spells out the values ECS would fill in, in a fixed key order', () => {
      expect(Object.keys(def())).toEqual([
        'name',
        'image',
        'essential',
        'cpu',
        'user',
        'readonlyRootFilesystem',
        'linuxParameters',
        'logConfiguration',
      ]);
      expect(def()).toEqual({
        name: 'api',
        image: IMAGE,
        essential: true,
        cpu: 0,
        user: '1000:1000',
        readonlyRootFilesystem: true,
        linuxParameters: { initProcessEnabled: true },
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': '/ecs/api',
            'awslogs-region': 'us-east-1',
            'awslogs-stream-prefix': 'api',
            mode: 'non-blocking',
            'max-buffer-size': '25m',
          },
        },
      });
    });

    it('never renders privileged (Fargate refuses it; the policy pack checks it)', () => {
      expect('privileged' in def()).toBe(false);
    });
  });

  describe('a full container', () => {
    const container = {
      name: 'api',
      image: IMAGE,
      cpu: 256,
      memoryLimitMiB: 1024,
      memoryReservationMiB: 512,
      essential: true,
      portMappings: [{ containerPort: 8000 }, { containerPort: 9000, protocol: 'udp' as const }],
      entryPoint: ['/entrypoint.sh'],
      command: ['serve', '--port', '8000'],
      workingDirectory: '/app',
      environment: { ZETA: 'z', ALPHA: 'a', MIDDLE: 'm' },
      secrets: {
        Z_TOKEN: { ssmParameterArn: PARAMETER_ARN },
        DB_PASSWORD: { secretsManagerArn: SECRET_ARN, jsonKey: 'password' },
      },
      healthCheck: { command: ['CMD', '/healthcheck'], startPeriodSeconds: 20 },
      dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' as const }],
      writablePaths: ['/tmp', '/app/cache'],
      stopTimeoutSeconds: 60,
      dockerLabels: { team: 'ml', app: 'registry' },
    };
    const volumes = lazy(() => scratchVolumes([container]));
    const def = lazy(() => renderContainer(container, { ...LOGS, mode: 'blocking' }, volumes()));

    it('sorts environment and secrets by name', () => {
      expect(def().environment).toEqual([
        { name: 'ALPHA', value: 'a' },
        { name: 'MIDDLE', value: 'm' },
        { name: 'ZETA', value: 'z' },
      ]);
      expect(def().secrets).toEqual([
        { name: 'DB_PASSWORD', valueFrom: `${SECRET_ARN}:password::` },
        { name: 'Z_TOKEN', valueFrom: PARAMETER_ARN },
      ]);
    });

    it('maps host port = container port and protocol explicitly', () => {
      expect(def().portMappings).toEqual([
        { containerPort: 8000, hostPort: 8000, protocol: 'tcp' },
        { containerPort: 9000, hostPort: 9000, protocol: 'udp' },
      ]);
    });

    it('renders every health-check timing, and startPeriod only when set', () => {
      expect(def().healthCheck).toEqual({
        command: ['CMD', '/healthcheck'],
        interval: 30,
        timeout: 5,
        retries: 3,
        startPeriod: 20,
      });
    });

    it('mounts one scratch volume per writable path', () => {
      expect(volumes()).toEqual([
        { volumeName: 'api-scratch-0', containerName: 'api', containerPath: '/tmp' },
        { volumeName: 'api-scratch-1', containerName: 'api', containerPath: '/app/cache' },
      ]);
      expect(def().mountPoints).toEqual([
        { sourceVolume: 'api-scratch-0', containerPath: '/tmp', readOnly: false },
        { sourceVolume: 'api-scratch-1', containerPath: '/app/cache', readOnly: false },
      ]);
    });

    it('keeps the rest as given, labels sorted, blocking mode without a buffer size', () => {
      expect(def()).toMatchObject({
        cpu: 256,
        memory: 1024,
        memoryReservation: 512,
        entryPoint: ['/entrypoint.sh'],
        command: ['serve', '--port', '8000'],
        workingDirectory: '/app',
        dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }],
        stopTimeout: 60,
      });
      expect(Object.keys(def().dockerLabels as object)).toEqual(['app', 'team']);
      expect((def().logConfiguration as { options: object }).options).toEqual({
        'awslogs-group': '/ecs/api',
        'awslogs-region': 'us-east-1',
        'awslogs-stream-prefix': 'api',
        mode: 'blocking',
      });
    });
  });

  it('leaves out the read-only flag and init process when opted out, and defaults dependsOn to HEALTHY', () => {
    const def = renderContainer(
      {
        name: 'worker',
        image: IMAGE,
        readonlyRootFilesystem: false,
        initProcessEnabled: false,
        dependsOn: [{ containerName: 'api' }],
      },
      LOGS,
      [],
    );
    expect('readonlyRootFilesystem' in def).toBe(false);
    expect('linuxParameters' in def).toBe(false);
    expect(def.dependsOn).toEqual([{ containerName: 'api', condition: 'HEALTHY' }]);
  });

  it('renders the same JSON for the same input, whatever the order of environment keys', () => {
    const a = renderContainerDefinitions(
      [{ name: 'api', image: IMAGE, environment: { A: '1', B: '2' } }],
      LOGS,
    );
    const b = renderContainerDefinitions(
      [{ name: 'api', image: IMAGE, environment: { B: '2', A: '1' } }],
      LOGS,
    );
    expect(a).toBe(b);
  });

  it.each([
    [{ secretsManagerArn: SECRET_ARN }, SECRET_ARN],
    [{ secretsManagerArn: SECRET_ARN, versionStage: 'AWSPREVIOUS' }, `${SECRET_ARN}::AWSPREVIOUS:`],
    [{ secretsManagerArn: SECRET_ARN, jsonKey: 'user', versionId: 'v-1' }, `${SECRET_ARN}:user::v-1`],
    [{ ssmParameterArn: PARAMETER_ARN }, PARAMETER_ARN],
  ])('valueFrom of %j is %s', (secret, expected) => {
    expect(secretValueFrom(secret)).toBe(expected);
  });

  it.each([
    ['nginx', undefined],
    ['nginx:1.27', '1.27'],
    ['registry.example.com:5000/team/app', undefined],
    ['registry.example.com:5000/team/app:2.0.1', '2.0.1'],
    [`${IMAGE}@sha256:${'a'.repeat(64)}`, '1.4.2'],
    ['app@sha256:abc', undefined],
  ])('the tag of %s is %s', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });

  it('reads the tag of a token image from its literal tail', () => {
    const url = Token.asString({ ref: 'aws_ecr_repository.api.repository_url' });
    expect(imageTag(`${url}:latest`)).toBe('latest');
    expect(imageTag(`${url}:1.0.0`)).toBe('1.0.0');
    expect(imageTag(url)).toBeUndefined();
  });

  it.each([
    ['root', true],
    ['0', true],
    ['0:0', true],
    ['root:staff', true],
    ['1000:1000', false],
    ['app', false],
    ['10001', false],
  ])('user %s is root: %s', (user, root) => {
    expect(isRootUser(user)).toBe(root);
  });
});
