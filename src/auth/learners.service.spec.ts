import { RateLimiter } from '../common/rate-limit/rate-limiter.js';
import { AppConfigService } from '../config/app-config.js';
import { parseConfig } from '../config/config.schema.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import type { LearnersRepository } from './learners.repository.js';
import { INSTRUCTOR_ID, LearnersService } from './learners.service.js';
import type { Principal } from '../common/principal.js';

const TOKEN = 'instructor-token-for-tests-0001';

/** The instructor row only, as the repository keeps it. */
class FakeLearners {
  instructorHash: string | null = null;
  lookups = 0;
  findByTokenHash = () => Promise.resolve(null);
  findInstructor = () => {
    this.lookups++;
    const principal: Principal = { id: INSTRUCTOR_ID, name: 'Kursleitung', role: 'instructor' };
    return Promise.resolve(
      this.instructorHash ? { principal, tokenHash: this.instructorHash } : null,
    );
  };
  upsertInstructor = (_id: string, hash: string) => {
    this.instructorHash = hash;
    return Promise.resolve();
  };
  revokeInstructor = () => {
    this.instructorHash = 'revoked:instructor';
    return Promise.resolve();
  };
}

async function serviceWith(env: Record<string, string>) {
  const clock = new FakeClock();
  const learners = new FakeLearners();
  const service = new LearnersService(
    learners as unknown as LearnersRepository,
    new AppConfigService(parseConfig(env)),
    new RateLimiter(clock),
  );
  await service.onModuleInit();
  return { service, learners, clock };
}

describe(LearnersService.name, () => {
  it('revokes the instructor when the variable is unset', async () => {
    const { service, learners } = await serviceWith({});
    expect(learners.instructorHash).toBe('revoked:instructor');
    await expect(service.authenticate(TOKEN)).resolves.toBeNull();
  });

  it('runs scrypt once for the instructor, then remembers the confirmed token', async () => {
    const { service, learners } = await serviceWith({ KUBELAB_INSTRUCTOR_TOKEN: TOKEN });
    expect(await service.authenticate(TOKEN)).toMatchObject({ role: 'instructor' });
    expect(await service.authenticate(TOKEN)).toMatchObject({ role: 'instructor' });
    await expect(service.authenticate(`${TOKEN}x`)).resolves.toBeNull();
    expect(learners.lookups).toBe(1);
  });

  it('tries unknown tokens against the instructor hash at most ten times a second', async () => {
    const { service, learners, clock } = await serviceWith({ KUBELAB_INSTRUCTOR_TOKEN: TOKEN });
    for (let i = 0; i < 12; i++) await service.authenticate(`wrong-token-${i}`);
    expect(learners.lookups).toBe(10);
    await expect(service.authenticate(TOKEN)).resolves.toBeNull();
    clock.advanceMinutes(1);
    expect(await service.authenticate(TOKEN)).toMatchObject({ role: 'instructor' });
  });
});
