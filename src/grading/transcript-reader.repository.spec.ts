import { tempDir } from '../../test/support/temp-dir.js';
import { seedSessions, testDatabase } from '../../test/support/test-database.js';
import type { PrismaService } from '../prisma/prisma.service.js';
import { TranscriptReader } from './transcript-reader.repository.js';

describe(TranscriptReader.name, () => {
  const tmp = tempDir();
  let prisma: PrismaService;
  let repository: TranscriptReader;
  const at = (time: string) => new Date(`2026-11-23T${time}Z`);

  beforeAll(async () => {
    prisma = await testDatabase(tmp.dir);
    repository = new TranscriptReader(prisma);
    await seedSessions(prisma, ['s1', 's2'], at('23:00:00'));
    const entry = (
      sessionId: string,
      seq: number,
      startedAt: string,
      command: string,
      exitCode: number | null,
    ) => ({
      id: `${sessionId}-${seq}`,
      sessionId,
      terminal: 'main',
      seq,
      command,
      exitCode,
      output: `output of ${command}`,
      startedAt: at(startedAt),
    });
    await prisma.transcriptEntry.createMany({
      data: [
        entry('s1', 1, '09:00:00', 'kubectl get nodes', 0),
        entry('s1', 3, '10:05:00', 'kubectl get pods', 0),
        entry('s1', 2, '10:00:00', 'kubectl get nodez', 1),
        entry('s1', 4, '10:05:00', 'sleep 100', null),
        entry('s2', 1, '10:30:00', 'kubectl get nodes', 0),
      ],
    });
  });

  afterAll(async () => {
    await prisma.onModuleDestroy();
    tmp.cleanup();
  });

  it('returns the session’s commands since a moment, oldest first', async () => {
    const commands = await repository.commandsSince('s1', at('10:00:00'));

    expect(commands).toEqual([
      {
        terminal: 'main',
        command: 'kubectl get nodez',
        exitCode: 1,
        output: 'output of kubectl get nodez',
        startedAt: at('10:00:00'),
      },
      {
        terminal: 'main',
        command: 'kubectl get pods',
        exitCode: 0,
        output: 'output of kubectl get pods',
        startedAt: at('10:05:00'),
      },
      {
        terminal: 'main',
        command: 'sleep 100',
        exitCode: null,
        output: 'output of sleep 100',
        startedAt: at('10:05:00'),
      },
    ]);
  });

  it('never returns another session’s commands', async () => {
    const commands = await repository.commandsSince('s1', new Date(0));

    expect(commands.map((c) => c.command)).toEqual([
      'kubectl get nodes',
      'kubectl get nodez',
      'kubectl get pods',
      'sleep 100',
    ]);
    await expect(repository.commandsSince('s3', new Date(0))).resolves.toEqual([]);
  });

  it('does not count a marker row of commands that were not stored as a command', async () => {
    await prisma.transcriptEntry.create({
      data: {
        id: 's2-marker',
        sessionId: 's2',
        terminal: 'main',
        seq: 2,
        command: '# kubelab: 3 Befehle nicht aufgezeichnet – das Protokoll ist voll.',
        exitCode: null,
        output: '',
        startedAt: at('10:31:00'),
        dropped: 3,
      },
    });
    const commands = await repository.commandsSince('s2', new Date(0));
    expect(commands.map((c) => c.command)).toEqual(['kubectl get nodes']);
  });
});
