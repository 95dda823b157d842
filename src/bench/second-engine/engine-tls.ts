import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';

/** Where a test engine's TLS material lies: the server's for /certs, the client's as DOCKER_CERT_PATH. */
export interface EngineTls {
  /** ca.pem, server-cert.pem, server-key.pem: mounted read-only at the engine's /certs. */
  serverDir: string;
  /** ca.pem, cert.pem, key.pem: the DOCKER_CERT_PATH layout. */
  clientDir: string;
}

const DAYS = '2';
const KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * A throwaway CA, a server certificate naming `address` and a client certificate, made with
 * the openssl CLI under `dir`. The CA's key stays in `dir/ca`, outside both folders handed out.
 */
export async function makeEngineTls(dir: string, address: string): Promise<EngineTls> {
  const caDir = path.join(dir, 'ca');
  const serverDir = path.join(dir, 'server');
  const clientDir = path.join(dir, 'client');
  for (const d of [caDir, serverDir, clientDir]) fs.mkdirSync(d, { recursive: true });
  const ca = path.join(caDir, 'ca.pem');
  const caKey = path.join(caDir, 'ca-key.pem');

  await openssl(['req', '-x509', ...KEY, '-subj', '/CN=kubelab-test-engine-ca'], {
    '-keyout': caKey,
    '-out': ca,
    '-days': DAYS,
  });
  const authority = { caDir, ca, caKey };
  await issue(authority, {
    commonName: 'engine',
    extensions: [`subjectAltName=IP:${address}`, 'extendedKeyUsage=serverAuth'],
    cert: path.join(serverDir, 'server-cert.pem'),
    key: path.join(serverDir, 'server-key.pem'),
  });
  await issue(authority, {
    commonName: 'client',
    extensions: ['extendedKeyUsage=clientAuth'],
    cert: path.join(clientDir, 'cert.pem'),
    key: path.join(clientDir, 'key.pem'),
  });
  fs.copyFileSync(ca, path.join(serverDir, 'ca.pem'));
  fs.copyFileSync(ca, path.join(clientDir, 'ca.pem'));
  return { serverDir, clientDir };
}

/** Makes a key and a certificate with the given extensions, signed by the CA. */
async function issue(
  { caDir, ca, caKey }: { caDir: string; ca: string; caKey: string },
  { commonName, extensions, cert, key }: Certificate,
): Promise<void> {
  const csr = path.join(caDir, `${commonName}.csr`);
  const ext = path.join(caDir, `${commonName}.ext`);
  fs.writeFileSync(ext, extensions.join('\n') + '\n');
  await openssl(['req', ...KEY, '-subj', `/CN=${commonName}`], { '-keyout': key, '-out': csr });
  await openssl(['x509', '-req', '-CAcreateserial'], {
    '-in': csr,
    '-CA': ca,
    '-CAkey': caKey,
    '-out': cert,
    '-days': DAYS,
    '-extfile': ext,
  });
}

interface Certificate {
  commonName: string;
  extensions: string[];
  cert: string;
  key: string;
}

async function openssl(args: string[], options: Record<string, string>): Promise<void> {
  await execa('openssl', [...args, ...Object.entries(options).flat()]);
}
