import { jest } from '@jest/globals';
import type { EnvironmentDriversService } from '../../clusters/environment-drivers.service.js';
import { EnvironmentHooks } from '../../clusters/environment-hooks.js';
import { SystemClock } from '../../common/adapters/clock.js';
import { SessionActivity } from '../../common/session-activity.js';
import type { Lab } from '../../labs/lab.types.js';
import type { LabsService } from '../../labs/labs.service.js';
import type { SessionRecord } from '../session.types.js';
import type { SessionsRepository } from '../sessions.repository.js';
import type { StepCheckRunner } from '../step-check-runner.js';
import { AutoCheckService } from './auto-check.service.js';
import type { KubeWatcher } from '../../kube/kube-watcher.js';

const DELAY_MS = 100;

describe(AutoCheckService.name, () => {
  let session: Partial<SessionRecord> | null;
  let lab: Partial<Lab>;
  let hooks: EnvironmentHooks;
  let activity: SessionActivity;
  let runs: number;
  let service: AutoCheckService;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    session = { id: 's1', labId: 'lab', status: 'ready', cluster: null, steps: [] };
    lab = { id: 'lab', autoCheck: true, environment: 'container', steps: [] };
    hooks = new EnvironmentHooks();
    activity = new SessionActivity();
    runs = 0;
    const sessions = {
      findById: () => {
        runs++;
        return Promise.resolve(session);
      },
    };
    const labs = { find: () => lab };
    service = new AutoCheckService(
      sessions as unknown as SessionsRepository,
      labs as unknown as LabsService,
      {} as StepCheckRunner,
      activity,
      {} as KubeWatcher,
      {} as EnvironmentDriversService,
      DELAY_MS,
      hooks,
      new SystemClock(),
    );
  });
  afterEach(() => jest.useRealTimers());

  function follow() {
    const state = { completed: false, events: 0 };
    const subscription = service.events('s1').subscribe({
      next: () => state.events++,
      complete: () => (state.completed = true),
    });
    return { state, subscription };
  }

  it('ends the stream, for every page following it, before the environment goes', async () => {
    const first = follow();
    const second = follow();
    await jest.advanceTimersByTimeAsync(DELAY_MS);
    expect(first.state.completed).toBe(false);

    await hooks.runBeforeRelease('s1');
    expect(first.state.completed).toBe(true);
    expect(second.state.completed).toBe(true);
    // A new page gets a fresh stream again.
    expect(follow().state.completed).toBe(false);
  });

  it('leaves other sessions’ streams alone when one session ends', async () => {
    const page = follow();
    await hooks.runBeforeRelease('s2');
    await jest.advanceTimersByTimeAsync(DELAY_MS);
    expect(page.state.completed).toBe(false);
    page.subscription.unsubscribe();
  });

  it('ends the stream when a run finds the session ended', async () => {
    const page = follow();
    await jest.advanceTimersByTimeAsync(DELAY_MS);
    expect(page.state.completed).toBe(false);
    session = { ...session, status: 'expired' };
    activity.commandFinished('s1');
    await jest.advanceTimersByTimeAsync(DELAY_MS);
    expect(page.state.completed).toBe(true);
  });

  it('ends the stream when the lab no longer has autoCheck (reloaded lab)', async () => {
    const page = follow();
    lab = { ...lab, autoCheck: false };
    await jest.advanceTimersByTimeAsync(DELAY_MS);
    expect(page.state.completed).toBe(true);
    expect(runs).toBeGreaterThan(0);
  });
});
