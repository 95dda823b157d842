import { parseDockerHosts, type EngineDefaults } from './docker-hosts.js';
import { parseConfig } from './config.schema.js';

const defaults: EngineDefaults = {
  endpoint: 'unix:///var/run/docker.sock',
  capacity: 20,
  environmentMemoryMb: 2048,
};

describe('parseDockerHosts', () => {
  it('is one engine "local" from KUBELAB_DOCKER_HOST when empty', () => {
    expect(parseDockerHosts('  ', { ...defaults, serverUrl: 'http://k:3000' })).toEqual([
      {
        name: 'local',
        endpoint: 'unix:///var/run/docker.sock',
        capacity: 20,
        address: '127.0.0.1',
        serverUrl: 'http://k:3000',
      },
    ]);
  });

  it('reads names, endpoints and options, separated by spaces, commas or lines', () => {
    const engines = parseDockerHosts(
      'a=unix:///var/run/docker.sock?capacity=8,\n b=tcp://10.0.0.2:2376?tls=/etc/kubelab/b&memory=20g&server=http://10.0.0.1:3000 c=ssh://ops@rack3?capacity=4&address=192.168.5.3',
      defaults,
    );
    expect(engines).toEqual([
      { name: 'a', endpoint: 'unix:///var/run/docker.sock', capacity: 8, address: '127.0.0.1' },
      {
        name: 'b',
        endpoint: 'tcp://10.0.0.2:2376',
        capacity: 10,
        address: '10.0.0.2',
        tlsCertPath: '/etc/kubelab/b',
        serverUrl: 'http://10.0.0.1:3000',
      },
      { name: 'c', endpoint: 'ssh://ops@rack3', capacity: 4, address: '192.168.5.3' },
    ]);
  });

  it.each([
    ['b', 'name=endpoint'],
    ['B=tcp://h:2376?capacity=1', 'name=endpoint'],
    ['b=http://h:2376?capacity=1', 'use unix://, tcp:// or ssh://'],
    ['b=tcp://h:2376', 'either capacity=<environments> or memory=<size>'],
    ['b=tcp://h:2376?capacity=2&memory=4g', 'either capacity'],
    ['b=tcp://h:2376?capacity=0', 'capacity must be a whole number'],
    ['b=tcp://h:2376?memory=1g', 'holds no environment'],
    ['b=tcp://h:2376?memory=lots', 'memory must look like'],
    ['b=tcp://h:2376?capacity=1&cpus=2', 'unknown option cpus'],
    ['b=unix:///x?capacity=1&tls=/c', 'tls= belongs to tcp://'],
    ['b=tcp://h:2376?capacity=1&server=h:3000', 'server= must be an http://'],
    ['a=tcp://h:2376?capacity=1 a=tcp://i:2376?capacity=1', 'two engines have the name a'],
    ['a=tcp://h:2376?capacity=1 b=tcp://h:2376?capacity=1', 'two engines have the endpoint'],
  ])('refuses %s', (value, message) => {
    expect(() => parseDockerHosts(value, defaults)).toThrow(message);
  });
});

describe('parseConfig with KUBELAB_DOCKER_HOSTS', () => {
  it('makes KUBELAB_MAX_CLUSTERS the sum of the capacities', () => {
    const config = parseConfig({
      KUBELAB_DOCKER_HOSTS: 'a=unix:///var/run/docker.sock?capacity=3 b=tcp://h:2376?capacity=5',
    });
    expect(config.KUBELAB_MAX_CLUSTERS).toBe(8);
    expect(config.KUBELAB_DOCKER_HOSTS.map((e) => e.name)).toEqual(['a', 'b']);
  });

  it('refuses a KUBELAB_MAX_CLUSTERS that is not that sum', () => {
    expect(() =>
      parseConfig({
        KUBELAB_DOCKER_HOSTS: 'a=unix:///var/run/docker.sock?capacity=3',
        KUBELAB_MAX_CLUSTERS: '10',
      }),
    ).toThrow(/KUBELAB_MAX_CLUSTERS: is the sum of the engines' capacities \(3\)/);
  });

  it('refuses a TLS folder without the client certificate files', () => {
    expect(() =>
      parseConfig({ KUBELAB_DOCKER_HOSTS: 'b=tcp://h:2376?capacity=1&tls=/nonexistent/kubelab-b' }),
    ).toThrow(
      'KUBELAB_DOCKER_HOSTS: engine b: /nonexistent/kubelab-b lacks ca.pem, cert.pem, key.pem',
    );
  });

  it('names the variable when an engine is malformed', () => {
    expect(() => parseConfig({ KUBELAB_DOCKER_HOSTS: 'a=tcp://h' })).toThrow(
      /KUBELAB_DOCKER_HOSTS: engine a: give either capacity/,
    );
  });

  it('keeps one engine of KUBELAB_DOCKER_HOST with KUBELAB_MAX_CLUSTERS without it', () => {
    const config = parseConfig({ KUBELAB_DOCKER_HOST: 'tcp://d:2376', KUBELAB_MAX_CLUSTERS: '7' });
    expect(config.KUBELAB_DOCKER_HOSTS).toEqual([
      { name: 'local', endpoint: 'tcp://d:2376', capacity: 7, address: 'd' },
    ]);
    expect(config.KUBELAB_MAX_CLUSTERS).toBe(7);
  });
});
