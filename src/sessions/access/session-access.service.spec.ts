import type { EnvironmentHandle, ToolboxAccess } from '../../clusters/environment-handle.js';
import { AppConfigService } from '../../config/app-config.js';
import { parseConfig } from '../../config/config.schema.js';
import type { Lab } from '../../labs/lab.types.js';
import { accessSchema } from '../../labs/schema/access.schema.js';
import type { NodeViewTokensService } from '../../node-views/node-view-tokens.service.js';
import type { KnotenCredentials, LearnerAccessService } from './learner-access.service.js';
import { SessionAccessService } from './session-access.service.js';

function service() {
  const installs: { lab: string; handle: string; knoten: KnotenCredentials | undefined }[] = [];
  const issued: string[] = [];
  const access = {
    install: (lab: Lab, handle: EnvironmentHandle, knoten?: KnotenCredentials) => {
      installs.push({ lab: lab.id, handle: handle.name, knoten });
      return Promise.resolve();
    },
  } as unknown as LearnerAccessService;
  const tokens = {
    issue: (sessionId: string) => {
      issued.push(sessionId);
      return Promise.resolve(`token-of-${sessionId}`);
    },
  } as unknown as NodeViewTokensService;
  const config = new AppConfigService(parseConfig({ PORT: '3100' }));
  return { sessionAccess: new SessionAccessService(access, tokens, config), installs, issued };
}

const lab = { id: '02-nat', access: accessSchema.parse({ namespaces: ['lab'] }) } as Lab;
const local = { name: 'kl-lokal' } as EnvironmentHandle;
const shared = {
  name: 'kl-geteilt',
  toolbox: { container: 'kl-geteilt-toolbox' } as ToolboxAccess,
} as EnvironmentHandle;

describe(SessionAccessService.name, () => {
  it('installs the learner’s access with a fresh knoten token of the session when there is a toolbox', async () => {
    const { sessionAccess, installs, issued } = service();
    await sessionAccess.prepare('s-1', lab, shared);
    expect(issued).toEqual(['s-1']);
    expect(installs).toEqual([
      { lab: '02-nat', handle: 'kl-geteilt', knoten: { token: 'token-of-s-1', port: 3100 } },
    ]);
  });

  it('does nothing without a toolbox (local mode)', async () => {
    const { sessionAccess, installs, issued } = service();
    await sessionAccess.prepare('s-1', lab, local);
    expect(issued).toEqual([]);
    expect(installs).toEqual([]);
  });

  it('gives a lab without access knoten all the same (LearnerAccessService skips the rights)', async () => {
    const { sessionAccess, installs } = service();
    await sessionAccess.prepare('s-2', { ...lab, access: undefined }, shared);
    expect(installs).toEqual([
      { lab: '02-nat', handle: 'kl-geteilt', knoten: { token: 'token-of-s-2', port: 3100 } },
    ]);
  });
});
