import { hashSecret, verifySecret } from './secret-hash.js';

describe('secret hashes', () => {
  const secret = 'instructor-token-for-tests-0001';

  it('verifies the secret it was made from, and nothing else', async () => {
    const stored = await hashSecret(secret);
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain(secret);
    await expect(verifySecret(secret, stored)).resolves.toBe(true);
    await expect(verifySecret(`${secret}x`, stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashSecret(secret)).not.toBe(await hashSecret(secret));
  });

  it.each(['', 'revoked', 'deadbeef', 'scrypt$16384$8$1$c2FsdA$c2hvcnQ'])(
    'refuses a stored value that is no such hash: %s',
    async (stored) => {
      await expect(verifySecret(secret, stored)).resolves.toBe(false);
    },
  );
});
