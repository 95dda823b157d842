import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Salted, slow hashes for secrets a person chose (the instructor token), so a copy of the
 * database does not give them away to a brute-force search. Stored as
 * `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url), so the cost can be raised later.
 * N = 2^14, r = 8 costs about 16 MiB and a tenth of a second here, off the event loop.
 */
const COST = { N: 2 ** 14, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, COST);
  return [
    'scrypt',
    COST.N,
    COST.r,
    COST.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** False for anything that is not a hash of `secret` made by `hashSecret`. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const match = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!match) return false;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (N > 2 ** 20 || r > 32 || p > 16) return false;
  const expected = Buffer.from(match[5], 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(secret, Buffer.from(match[4], 'base64url'), {
    N,
    r,
    p,
    maxmem: 256 * N * r,
  });
  return timingSafeEqual(key, expected);
}
