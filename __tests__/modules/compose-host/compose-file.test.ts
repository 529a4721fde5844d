import { ComposeFile, publishedPorts } from '../../../modules/compose-host';
import {
  hostNetworkServices,
  isNetworkReachable,
  parsePortEntry,
  portEntryProblem,
} from '../../../modules/compose-host/compose-file';

describe('parsePortEntry', () => {
  it.each([
    ['80:8080', { port: 80, toPort: 80, protocol: 'tcp', hostIp: undefined }],
    ['443:443/tcp', { port: 443, toPort: 443, protocol: 'tcp', hostIp: undefined }],
    ['53:53/udp', { port: 53, toPort: 53, protocol: 'udp', hostIp: undefined }],
    ['127.0.0.1:9090:9090', { port: 9090, toPort: 9090, protocol: 'tcp', hostIp: '127.0.0.1' }],
    ['[::1]:9090:9090', { port: 9090, toPort: 9090, protocol: 'tcp', hostIp: '::1' }],
    ['8000-8002:8000-8002', { port: 8000, toPort: 8002, protocol: 'tcp', hostIp: undefined }],
    [
      { target: 80, published: 8080, protocol: 'udp' as const },
      { port: 8080, toPort: 8080, protocol: 'udp', hostIp: undefined },
    ],
    [
      { target: 80, published: '81', host_ip: '10.0.0.5' },
      { port: 81, toPort: 81, protocol: 'tcp', hostIp: '10.0.0.5' },
    ],
  ])('reads %j', (entry, expected) => {
    expect(parsePortEntry('web', entry)).toEqual({ service: 'web', ...expected });
  });

  it.each([['8080'], [8080], [{ target: 80 }], ['80:80/sctp'], ['http:80']])(
    'finds no fixed host port in %j',
    (entry) => {
      expect(parsePortEntry('web', entry)).toBeUndefined();
    },
  );
});

describe('portEntryProblem', () => {
  it.each([['80:8080'], ['8080'], [8080], [{ target: 80, published: 80 }], ['127.0.0.1:5432:5432']])(
    'accepts %j',
    (entry) => {
      expect(portEntryProblem(entry)).toBeUndefined();
    },
  );

  it.each([
    ['http:80', 'is not "[host_ip:]host_port:container_port[/tcp|udp]"'],
    ['80:80/sctp', 'is not "[host_ip:]host_port:container_port[/tcp|udp]"'],
    [70000, 'is not a port 1-65535'],
    [{ target: 0 }, 'has a target that is not a port 1-65535'],
    [{ target: 80, published: '0' }, 'has a published value that is not a port or range 1-65535'],
  ])('rejects %j: %s', (entry, problem) => {
    expect(portEntryProblem(entry)).toBe(problem);
  });
});

describe('publishedPorts and hostNetworkServices', () => {
  const compose: ComposeFile = {
    services: {
      proxy: { image: 'caddy:2.8.4', ports: ['80:80', '443:443'] },
      metrics: { image: 'prom/prometheus:v2.53.0', ports: ['127.0.0.1:9090:9090', '9091'] },
      ui: { image: 'grafana/grafana:11.6.0', network_mode: 'host' },
    },
  };

  it('lists every fixed host port in service order', () => {
    expect(
      publishedPorts(compose).map((p) => `${p.service} ${p.port}/${p.protocol} ${p.hostIp ?? '*'}`),
    ).toEqual(['proxy 80/tcp *', 'proxy 443/tcp *', 'metrics 9090/tcp 127.0.0.1']);
  });

  it('tells network-reachable ports from loopback ones', () => {
    expect(publishedPorts(compose).map(isNetworkReachable)).toEqual([true, true, false]);
  });

  it('names the services on the host network', () => {
    expect(hostNetworkServices(compose)).toEqual(['ui']);
  });
});
