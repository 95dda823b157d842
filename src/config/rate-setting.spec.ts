import { parseConfig } from './config.schema.js';
import { waitDe } from '../common/rate-limit/rate-limit.guard.js';

describe('rate settings', () => {
  it('reads <count>/<unit> and has defaults for a class', () => {
    const config = parseConfig({ KUBELAB_RATE_CHECKS: '12/s' });
    expect(config.KUBELAB_RATE_CHECKS).toEqual({ count: 12, perSeconds: 1 });
    expect(config.KUBELAB_RATE_SIGNUPS_PER_IP).toEqual({ count: 60, perSeconds: 3600 });
  });

  it.each(['0/min', '10', '10/day', 'viele'])('refuses %s at start-up', (value) => {
    expect(() => parseConfig({ KUBELAB_RATE_SESSION_STARTS: value })).toThrow(
      /KUBELAB_RATE_SESSION_STARTS: must look like 30\/min/,
    );
  });

  it('trusts a proxy only when told how many hops or which addresses', () => {
    expect(parseConfig({}).KUBELAB_TRUST_PROXY).toBeUndefined();
    expect(parseConfig({ KUBELAB_TRUST_PROXY: '1' }).KUBELAB_TRUST_PROXY).toBe(1);
    expect(parseConfig({ KUBELAB_TRUST_PROXY: 'loopback, 10.0.0.5' }).KUBELAB_TRUST_PROXY).toBe(
      'loopback, 10.0.0.5',
    );
    expect(() => parseConfig({ KUBELAB_TRUST_PROXY: 'true' })).toThrow(/KUBELAB_TRUST_PROXY/);
  });

  it('says in German how long to wait', () => {
    expect([1, 30, 60, 61, 1800].map(waitDe)).toEqual([
      '1 Sekunde',
      '30 Sekunden',
      '1 Minute',
      '2 Minuten',
      '30 Minuten',
    ]);
  });
});
