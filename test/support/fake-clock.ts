import { Clock } from '../../src/common/adapters/clock.js';

/** A clock that moves only when the test says so. */
export class FakeClock extends Clock {
  constructor(private current = new Date('2026-11-23T09:00:00Z')) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}
