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
 * A throwaway CA, a server certificate naming `address` (and 127.0.0.1, for a client inside
 * the engine) and a client certificate, made with the openssl CLI under `dir`. The CA's key
 * stays in `dir/ca`, outside both folders that are handed out.
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
  await signed(caDir, { ca, caKey }, path.join(serverDir, 'server'), 'engine', [
    `subjectAltName=IP:${address},IP:127.0.0.1`,
    'extendedKeyUsage=serverAuth',
  ]);
  await signed(caDir, { ca, caKey }, path.join(clientDir, 'client'), 'client', [
    'extendedKeyUsage=clientAuth',
  ]);
  fs.renameSync(path.join(clientDir, 'client-cert.pem'), path.join(clientDir, 'cert.pem'));
  fs.renameSync(path.join(clientDir, 'client-key.pem'), path.join(clientDir, 'key.pem'));
  fs.copyFileSync(ca, path.join(serverDir, 'ca.pem'));
  fs.copyFileSync(ca, path.join(clientDir, 'ca.pem'));
  return { serverDir, clientDir };
}

/** `<base>-key.pem` and `<base>-cert.pem`, signed by the CA with the given extensions. */
async function signed(
  caDir: string,
  { ca, caKey }: { ca: string; caKey: string },
  base: string,
  commonName: string,
  extensions: string[],
): Promise<void> {
  const csr = path.join(caDir, `${commonName}.csr`);
  const ext = path.join(caDir, `${commonName}.ext`);
  fs.writeFileSync(ext, extensions.join('\n') + '\n');
  await openssl(['req', ...KEY, '-subj', `/CN=${commonName}`], {
    '-keyout': `${base}-key.pem`,
    '-out': csr,
  });
  await openssl(['x509', '-req', '-CAcreateserial'], {
    '-in': csr,
    '-CA': ca,
    '-CAkey': caKey,
    '-out': `${base}-cert.pem`,
    '-days': DAYS,
    '-extfile': ext,
  });
}

async function openssl(args: string[], options: Record<string, string>): Promise<void> {
  await execa('openssl', [...args, ...Object.entries(options).flat()]);
}
