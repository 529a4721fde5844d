import { environmentWithZones, generateEnvironments, generatedEnvironmentName } from '../../bench/lib/envs';
import { validateEnvironmentConfig } from '../../stacks/mlmon/config';
import { ENVIRONMENTS } from '../../stacks/mlmon/environments';

const dev = ENVIRONMENTS.find((e) => e.name === 'dev') ?? ENVIRONMENTS[0];

describe('generateEnvironments', () => {
  const thirty = generateEnvironments(dev, 30);

  it('names them e01.. and gives each its own /16', () => {
    expect(thirty.map((e) => e.name).slice(0, 3)).toEqual(['e01', 'e02', 'e03']);
    expect(thirty[29]).toMatchObject({ name: 'e30', vpcCidr: '10.30.0.0/16' });
    expect(new Set(thirty.map((e) => e.name)).size).toBe(30);
    expect(new Set(thirty.map((e) => e.vpcCidr)).size).toBe(30);
  });

  it('keeps everything else from the template', () => {
    expect(thirty[4]).toEqual({ ...dev, name: 'e05', vpcCidr: '10.5.0.0/16' });
  });

  it('produces environments that pass the project validation', () => {
    expect(() => thirty.forEach((e) => validateEnvironmentConfig(e))).not.toThrow();
  });

  it('names past 99 stay valid', () => {
    expect(generatedEnvironmentName(120)).toBe('e120');
  });

  it('fails outside 1..250', () => {
    expect(() => generateEnvironments(dev, 0)).toThrow('count must be an integer 1..250, got 0');
    expect(() => generateEnvironments(dev, 251)).toThrow('got 251');
  });
});

describe('environmentWithZones', () => {
  it('spreads the template over the first N zones of its region with the NAT layout asked for', () => {
    const e = environmentWithZones(dev, 3, 'perAz');
    expect(e).toMatchObject({
      name: 'az3',
      availabilityZones: [`${dev.region}a`, `${dev.region}b`, `${dev.region}c`],
      natGateways: 'perAz',
      privateSubnets: true,
    });
    expect(() => validateEnvironmentConfig(e)).not.toThrow();
  });

  it('accepts six zones and no more', () => {
    expect(() => validateEnvironmentConfig(environmentWithZones(dev, 6))).not.toThrow();
    expect(() => environmentWithZones(dev, 7)).toThrow('azCount must be an integer 1..6, got 7');
  });
});
