import fs from 'node:fs';
import path from 'node:path';
import { tempDirPerTest } from '../../../test/support/temp-dir.js';
import { dockerOptions } from './docker-endpoint.js';

describe(dockerOptions.name, () => {
  it('connects to a unix socket', () => {
    expect(dockerOptions('unix:///var/run/docker.sock', {})).toEqual({
      socketPath: '/var/run/docker.sock',
    });
  });

  it('connects over plain tcp when DOCKER_TLS_VERIFY is not set', () => {
    expect(dockerOptions('tcp://docker.example:2375', {})).toEqual({
      host: 'docker.example',
      port: 2375,
      protocol: 'http',
    });
    expect(dockerOptions('tcp://10.0.0.5', { DOCKER_TLS_VERIFY: '' })).toEqual({
      host: '10.0.0.5',
      port: 2375,
      protocol: 'http',
    });
  });

  it('connects over TLS on port 2376 when DOCKER_TLS_VERIFY is set', () => {
    expect(dockerOptions('tcp://docker.example', { DOCKER_TLS_VERIFY: '1' })).toEqual({
      host: 'docker.example',
      port: 2376,
      protocol: 'https',
    });
    expect(dockerOptions('tcp://docker.example:12376', { DOCKER_TLS_VERIFY: '1' })).toMatchObject({
      port: 12376,
      protocol: 'https',
    });
  });

  describe('with DOCKER_CERT_PATH', () => {
    const certs = tempDirPerTest();

    beforeEach(() => {
      for (const name of ['ca', 'cert', 'key']) {
        fs.writeFileSync(path.join(certs.dir, `${name}.pem`), `-----${name}-----\n`);
      }
    });

    it('passes the client certificates from that folder', () => {
      const options = dockerOptions('tcp://docker.example', {
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: certs.dir,
      });

      expect(options).toMatchObject({ protocol: 'https', port: 2376 });
      expect(options.ca).toEqual(Buffer.from('-----ca-----\n'));
      expect(options.cert).toEqual(Buffer.from('-----cert-----\n'));
      expect(options.key).toEqual(Buffer.from('-----key-----\n'));
    });

    it('ignores the certificates without DOCKER_TLS_VERIFY', () => {
      expect(dockerOptions('tcp://docker.example', { DOCKER_CERT_PATH: certs.dir })).toEqual({
        host: 'docker.example',
        port: 2375,
        protocol: 'http',
      });
    });

    it('fails when a certificate is missing', () => {
      fs.rmSync(path.join(certs.dir, 'key.pem'));

      expect(() =>
        dockerOptions('tcp://docker.example', {
          DOCKER_TLS_VERIFY: '1',
          DOCKER_CERT_PATH: certs.dir,
        }),
      ).toThrow(/key\.pem/);
    });
  });

  it('connects over ssh with user and port', () => {
    expect(dockerOptions('ssh://kubelab@build.example:2222', {})).toEqual({
      protocol: 'ssh',
      host: 'build.example',
      port: 2222,
      username: 'kubelab',
    });
    expect(dockerOptions('ssh://build.example', {})).toEqual({
      protocol: 'ssh',
      host: 'build.example',
      port: 22,
    });
  });

  it.each(['http://docker.example:2375', 'npipe:////./pipe/docker_engine'])(
    'refuses the unsupported endpoint %s',
    (endpoint) => {
      expect(() => dockerOptions(endpoint, {})).toThrow(
        `Unsupported Docker endpoint ${endpoint}: use unix://, tcp:// or ssh://`,
      );
    },
  );

  it('refuses an endpoint that is no URL', () => {
    expect(() => dockerOptions('/var/run/docker.sock', {})).toThrow();
  });
});
