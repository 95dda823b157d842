import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../common/decorators/public.decorator.js';
import { ZodValidationPipe } from '../common/pipes/zod-validation.pipe.js';
import { knotenBody, type KnotenBody } from './dto/knoten.body.js';
import { NodeViewsService } from './node-views.service.js';

/**
 * `knoten` in a shared-mode toolbox calls this. Public for the learner guard: the toolbox's own
 * token (not a learner's) says which session it is. Plain text, since a shell script reads it.
 */
@Controller('api/toolbox')
export class NodeViewsController {
  constructor(private readonly nodeViews: NodeViewsService) {}

  @Public()
  @Post('knoten')
  @HttpCode(200)
  async knoten(
    @Headers('authorization') authorization: string | undefined,
    @Body(new ZodValidationPipe(knotenBody)) body: KnotenBody,
    @Res() response: Response,
  ): Promise<void> {
    const token = /^Bearer\s+(\S{1,200})$/i.exec(authorization ?? '')?.[1];
    const answer = await this.nodeViews.run(token, body.arg);
    response.type('text/plain; charset=utf-8');
    if (answer.kind === 'ran') {
      response.setHeader('X-Kubelab-Exit-Code', String(answer.exitCode));
      response.status(200).send(answer.output);
    } else {
      response.status(answer.status).send(`${answer.message}\n`);
    }
  }
}
