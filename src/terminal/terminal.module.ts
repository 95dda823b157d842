import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ClustersModule } from '../clusters/clusters.module.js';
import { LabsModule } from '../labs/labs.module.js';
import { TerminalGateway } from './terminal.gateway.js';
import { DEFAULT_TERMINAL_OPTIONS, TERMINAL_OPTIONS } from './terminal-options.js';
import { TerminalSessionsRepository } from './terminal-sessions.repository.js';
import { TerminalsService } from './terminals.service.js';
import { TranscriptRepository } from './transcript.repository.js';
import { TranscriptWriter } from './transcript-writer.js';

@Module({
  imports: [AuthModule, LabsModule, ClustersModule],
  providers: [
    { provide: TERMINAL_OPTIONS, useValue: DEFAULT_TERMINAL_OPTIONS },
    TerminalGateway,
    TerminalsService,
    TerminalSessionsRepository,
    TranscriptRepository,
    TranscriptWriter,
  ],
})
export class TerminalModule {}
