import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ClustersModule } from '../clusters/clusters.module.js';
import { LabsModule } from '../labs/labs.module.js';
import { AppConfigService } from '../config/app-config.js';
import { TerminalGateway } from './terminal.gateway.js';
import { DEFAULT_TERMINAL_OPTIONS, TERMINAL_OPTIONS } from './terminal-options.js';
import { TerminalSessionsRepository } from './terminal-sessions.repository.js';
import {
  pendingSocketLimitsProvider,
  terminalSocketLimitsProvider,
} from './terminal-socket-limits.provider.js';
import { TerminalsService } from './terminals.service.js';
import { TranscriptRepository } from './transcript.repository.js';
import { TranscriptWriter } from './transcript-writer.js';
import {
  MAX_PENDING_TRANSCRIPT_WRITES,
  TRANSCRIPT_LIMITS,
  type TranscriptLimits,
} from './transcript-limits.js';

@Module({
  imports: [AuthModule, LabsModule, ClustersModule],
  providers: [
    { provide: TERMINAL_OPTIONS, useValue: DEFAULT_TERMINAL_OPTIONS },
    {
      provide: TRANSCRIPT_LIMITS,
      inject: [AppConfigService],
      useFactory: (config: AppConfigService): TranscriptLimits => ({
        maxRows: config.get('KUBELAB_TRANSCRIPT_MAX_ROWS'),
        maxBytes: config.get('KUBELAB_TRANSCRIPT_MAX_KB') * 1024,
        maxPendingWrites: MAX_PENDING_TRANSCRIPT_WRITES,
      }),
    },
    terminalSocketLimitsProvider,
    pendingSocketLimitsProvider,
    TerminalGateway,
    TerminalsService,
    TerminalSessionsRepository,
    TranscriptRepository,
    TranscriptWriter,
  ],
})
export class TerminalModule {}
