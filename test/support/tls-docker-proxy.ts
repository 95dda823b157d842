import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';

/**
 * The local Docker engine behind `tcp://127.0.0.1:<port>` with mutual TLS, as a remote engine
 * is reached (`dockerd --tlsverify`): certificates made with openssl into `dir` (ca.pem,
 * cert.pem, key.pem for the client: the DOCKER_CERT_PATH layout), every connection piped to
 * the engine's unix socket. For tests of what kubelab and the CLIs it runs do with a TLS engine.
 */
export class TlsDockerProxy {
  private constructor(
    private readonly server: tls.Server,
    readonly endpoint: string,
    readonly certDir: string,
  ) {}

  static async start(dir: string, socket = '/var/run/docker.sock'): Promise<TlsDockerProxy> {
    const certDir = path.join(dir, 'docker-tls');
    makeCertificates(certDir);
    const read = (name: string) => fs.readFileSync(path.join(certDir, name));
    const server = tls.createServer(
      {
        ca: read('ca.pem'),
        cert: read('server-cert.pem'),
        key: read('server-key.pem'),
        requestCert: true,
        rejectUnauthorized: true,
        // The docker CLI half-closes after sending (`docker exec`'s stdin): the answer still comes.
        allowHalfOpen: true,
      },
      (client) => {
        const engine = net.connect({ path: socket, allowHalfOpen: true });
        client.pipe(engine).pipe(client);
        client.on('error', () => engine.destroy());
        engine.on('error', () => client.destroy());
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    return new TlsDockerProxy(server, `tcp://127.0.0.1:${port}`, certDir);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function makeCertificates(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const openssl = (...argv: string[]) => execFileSync('openssl', argv, { cwd: dir, stdio: 'pipe' });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...key,
    '-keyout',
    'ca-key.pem',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    '/CN=kubelab test CA',
  );
  for (const [name, cn, usage] of [
    ['server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'],
    ['client', 'kubelab', 'extendedKeyUsage=clientAuth\n'],
  ]) {
    fs.writeFileSync(path.join(dir, `${name}.ext`), usage);
    openssl(
      'req',
      ...key,
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${cn}`,
    );
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-out',
      `${name}-cert.pem`,
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
    );
  }
  fs.copyFileSync(path.join(dir, 'client-cert.pem'), path.join(dir, 'cert.pem'));
  fs.copyFileSync(path.join(dir, 'client-key.pem'), path.join(dir, 'key.pem'));
}
