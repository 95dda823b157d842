import { stepStartedAt } from './step-start.js';

describe(stepStartedAt.name, () => {
  const sessionStart = new Date('2026-11-23T09:00:00Z');
  const passed = new Date('2026-11-23T09:20:00Z');
  const steps = ['knoten', 'pod', 'dienst'];

  it('starts the first step with the session', () => {
    expect(
      stepStartedAt(steps, [{ stepId: 'knoten', passedAt: passed }], 'knoten', sessionStart),
    ).toBe(sessionStart);
  });

  it('starts a later step when the step before it was passed', () => {
    const progress = [
      { stepId: 'knoten', passedAt: passed },
      { stepId: 'pod', passedAt: null },
    ];

    expect(stepStartedAt(steps, progress, 'pod', sessionStart)).toBe(passed);
  });

  it('falls back to the session start while the step before is not passed', () => {
    const progress = [{ stepId: 'pod', passedAt: null }];

    expect(stepStartedAt(steps, progress, 'dienst', sessionStart)).toBe(sessionStart);
    expect(stepStartedAt(steps, progress, 'unbekannt', sessionStart)).toBe(sessionStart);
  });
});
