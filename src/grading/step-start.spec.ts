import { stepStartedAt } from './step-start.js';

describe(stepStartedAt.name, () => {
  const sessionStart = new Date('2026-11-23T09:00:00Z');
  const ready = new Date('2026-11-23T09:02:00Z');
  const passed = new Date('2026-11-23T09:20:00Z');
  const session = { createdAt: sessionStart, readyAt: ready };
  const steps = ['knoten', 'pod', 'dienst'];

  it('starts the first step when the environment became ready', () => {
    expect(stepStartedAt(steps, [{ stepId: 'knoten', passedAt: passed }], 'knoten', session)).toBe(
      ready,
    );
  });

  it('starts a later step when the step before it was passed', () => {
    const progress = [
      { stepId: 'knoten', passedAt: passed },
      { stepId: 'pod', passedAt: null },
    ];

    expect(stepStartedAt(steps, progress, 'pod', session)).toBe(passed);
  });

  it('falls back to the ready environment while the step before is not passed', () => {
    const progress = [{ stepId: 'pod', passedAt: null }];

    expect(stepStartedAt(steps, progress, 'dienst', session)).toBe(ready);
    expect(stepStartedAt(steps, progress, 'unbekannt', session)).toBe(ready);
  });

  it('falls back to the session start while no environment was ever ready', () => {
    const progress = [{ stepId: 'pod', passedAt: null }];

    expect(
      stepStartedAt(steps, progress, 'dienst', { createdAt: sessionStart, readyAt: null }),
    ).toBe(sessionStart);
  });

  it('starts no step before a resumed environment is ready: its replay is no work of the step', () => {
    const resumed = new Date('2026-11-23T11:00:00Z');
    const progress = [{ stepId: 'knoten', passedAt: passed }];

    expect(
      stepStartedAt(steps, progress, 'pod', { createdAt: sessionStart, readyAt: resumed }),
    ).toBe(resumed);
  });
});
