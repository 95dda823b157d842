import path from 'node:path';
import type { AppConfigService } from '../../src/config/app-config.js';
import { PrismaService } from '../../src/prisma/prisma.service.js';

/** A migrated SQLite file in `dir`, for repository tests against the real database. */
export async function testDatabase(dir: string): Promise<PrismaService> {
  const config = { get: () => `file:${path.join(dir, 'kubelab.db')}` };
  const prisma = new PrismaService(config as unknown as AppConfigService);
  await prisma.onModuleInit();
  return prisma;
}

/** Learner `l1` (Lea) with one ready session per id, of lab `lab-<id>`. */
export async function seedSessions(
  prisma: PrismaService,
  ids: string[],
  expiresAt: Date,
): Promise<void> {
  await prisma.learner.create({ data: { id: 'l1', name: 'Lea', tokenHash: 'h1' } });
  for (const id of ids) {
    await prisma.labSession.create({
      data: { id, learnerId: 'l1', labId: `lab-${id}`, labHash: 'x', status: 'ready', expiresAt },
    });
  }
}
