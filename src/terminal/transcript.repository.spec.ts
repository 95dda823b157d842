import { tempDir } from '../../test/support/temp-dir.js';
import { seedSessions, testDatabase } from '../../test/support/test-database.js';
import type { PrismaService } from '../prisma/prisma.service.js';
import { TranscriptRepository } from './transcript.repository.js';

describe(TranscriptRepository.name, () => {
  const tmp = tempDir();
  let prisma: PrismaService;
  let repository: TranscriptRepository;
  const at = (time: string) => new Date(`2026-11-30T${time}Z`);

  beforeAll(async () => {
    prisma = await testDatabase(tmp.dir);
    repository = new TranscriptRepository(prisma);
    await seedSessions(prisma, ['s1', 's2'], at('23:00:00'));
  });

  afterAll(async () => {
    await prisma.onModuleDestroy();
    tmp.cleanup();
  });

  it('counts rows and the bytes of command lines and output of one session', async () => {
    const key = { sessionId: 's1', terminal: 't1', seq: 1 };
    await repository.start({ ...key, command: 'echo Grüße', startedAt: at('10:00:00') });
    await repository.finish(key, { exitCode: 0, output: 'Grüße\n', finishedAt: at('10:00:01') });
    await repository.start({
      sessionId: 's2',
      terminal: 't9',
      seq: 1,
      command: 'ls',
      startedAt: at('10:00:00'),
    });

    expect(await repository.usage('s1')).toEqual({
      rows: 1,
      bytes: Buffer.byteLength('echo Grüße') + Buffer.byteLength('Grüße\n'),
    });
    expect(await repository.usage('nobody')).toEqual({ rows: 0, bytes: 0 });
  });

  it('writes one marker row per gap and updates its count', async () => {
    const key = { sessionId: 's1', terminal: 't1', seq: 5 };
    const gap = {
      count: 1,
      reason: 'das Protokoll ist voll.',
      firstAt: at('11:00:00'),
      lastAt: at('11:00:00'),
    };
    await repository.recordGap(key, gap);
    await repository.recordGap(key, { ...gap, count: 40, lastAt: at('11:05:00') });

    const markers = await prisma.transcriptEntry.findMany({ where: { sessionId: 's1', seq: 5 } });
    expect(markers).toEqual([
      expect.objectContaining({
        terminal: 't1',
        command: '# kubelab: 40 Befehle nicht aufgezeichnet – das Protokoll ist voll.',
        dropped: 40,
        exitCode: null,
        startedAt: at('11:00:00'),
        finishedAt: at('11:05:00'),
      }),
    ]);
  });
});
