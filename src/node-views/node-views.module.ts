import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module.js';
import { LabsModule } from '../labs/labs.module.js';
import { NodeViewTokensService } from './node-view-tokens.service.js';
import { NodeViewsController } from './node-views.controller.js';
import { NodeViewsService } from './node-views.service.js';

/** `knoten`: read-only node commands for shared-mode learners, run by the server. */
@Module({
  imports: [LabsModule, ClustersModule],
  controllers: [NodeViewsController],
  providers: [NodeViewTokensService, NodeViewsService],
  exports: [NodeViewTokensService],
})
export class NodeViewsModule {}
