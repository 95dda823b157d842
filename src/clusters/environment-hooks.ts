import { Injectable } from '@nestjs/common';

type Hook = (sessionId: string) => Promise<void>;

/**
 * Work that must finish before a session's environment is deleted. Terminals register here:
 * Docker cannot remove a container while an exec's output is paused and unread, so open
 * shells are closed first.
 */
@Injectable()
export class EnvironmentHooks {
  private readonly beforeRelease: Hook[] = [];

  onBeforeRelease(hook: Hook): void {
    this.beforeRelease.push(hook);
  }

  async runBeforeRelease(sessionId: string): Promise<void> {
    await Promise.allSettled(this.beforeRelease.map((hook) => hook(sessionId)));
  }
}
