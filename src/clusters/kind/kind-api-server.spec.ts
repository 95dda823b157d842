import { jest } from '@jest/globals';
import { DockerEngines } from '../engines/docker-engines.js';
import { apiServerListenOf, type ResolveAddress } from './kind-api-server.js';
import { LOCAL_API_SERVER } from './kind-config.js';

describe(apiServerListenOf.name, () => {
  const engines = new DockerEngines([
    { name: 'a', endpoint: 'unix:///var/run/docker.sock', capacity: 4, address: '127.0.0.1' },
    { name: 'b', endpoint: 'tcp://10.0.0.2:2376', capacity: 8, address: '10.0.0.2' },
    { name: 'c', endpoint: 'tcp://docker-c.example:2376', capacity: 8, address: '192.0.2.7' },
    {
      name: 'd',
      endpoint: 'ssh://kind@docker-d.example',
      capacity: 8,
      address: 'docker-d.example',
    },
  ]);
  const resolve = jest.fn<ResolveAddress>(async (host) =>
    host === 'docker-d.example' ? '198.51.100.4' : Promise.reject(new Error(`ENOTFOUND ${host}`)),
  );

  beforeEach(() => resolve.mockClear());

  it('keeps kind’s loopback for a local socket', async () => {
    expect(await apiServerListenOf(engines, 'unix:///var/run/docker.sock', resolve)).toBe(
      LOCAL_API_SERVER,
    );
  });

  it.each([
    ['tcp://10.0.0.2:2376', '10.0.0.2'],
    ['tcp://docker-c.example:2376', '192.0.2.7'],
  ])(
    'publishes on the address of engine %s, the port picked by its Docker',
    async (endpoint, address) => {
      expect(await apiServerListenOf(engines, endpoint, resolve)).toEqual({ address, port: -1 });
      expect(resolve).not.toHaveBeenCalled();
    },
  );

  it('resolves an address given as a name, since Docker publishes on IP addresses only', async () => {
    expect(await apiServerListenOf(engines, 'ssh://kind@docker-d.example', resolve)).toEqual({
      address: '198.51.100.4',
      port: -1,
    });
  });

  it('uses the host of an endpoint no configured engine has', async () => {
    expect(await apiServerListenOf(engines, 'tcp://10.9.9.9:2376', resolve)).toEqual({
      address: '10.9.9.9',
      port: -1,
    });
  });

  it('fails when the name does not resolve', async () => {
    await expect(apiServerListenOf(engines, 'tcp://nowhere.example:2376', resolve)).rejects.toThrow(
      'ENOTFOUND nowhere.example',
    );
  });
});
