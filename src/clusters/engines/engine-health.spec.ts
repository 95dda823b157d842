import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SystemClock } from '../../common/adapters/clock.js';
import { AppConfigService } from '../../config/app-config.js';
import { parseConfig } from '../../config/config.schema.js';
import { PingingEngine } from '../../../test/support/pinging-engine.js';
import { EngineHealth, EngineLostError } from './engine-health.js';

describe(EngineHealth.name, () => {
  let dir: string;
  let a: PingingEngine;
  let b: PingingEngine;
  let health: EngineHealth;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelab-engines-'));
    a = new PingingEngine(path.join(dir, 'a.sock'));
    b = new PingingEngine(path.join(dir, 'b.sock'));
    await Promise.all([a.listen(), b.listen()]);
    const config = new AppConfigService(
      parseConfig({
        KUBELAB_DOCKER_HOSTS: `a=unix://${a.socket}?capacity=2 b=unix://${b.socket}?capacity=3`,
        KUBELAB_ENGINE_LOST_AFTER: '2',
      }),
    );
    health = new EngineHealth(config, new SystemClock());
  });

  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('declares an engine lost only after KUBELAB_ENGINE_LOST_AFTER asks in a row without an answer', async () => {
    const lost: string[] = [];
    health.onLost((engine) => lost.push(engine.name));
    b.answering = false;
    await health.checkNow();
    expect(health.isUp(`unix://${b.socket}`)).toBe(true);
    expect(health.all()[1]).toMatchObject({ state: 'up', failures: 1 });
    await health.checkNow();
    expect(health.isUp(`unix://${b.socket}`)).toBe(false);
    expect(lost).toEqual(['b']);
    expect(health.up().map((e) => e.name)).toEqual(['a']);
    expect(health.all()[1].lastError).toEqual(expect.any(String));
    // Lost once: further silence does not tell the listeners again.
    await health.checkNow();
    expect(lost).toEqual(['b']);
  });

  it('forgives a single silent ask', async () => {
    b.answering = false;
    await health.checkNow();
    b.answering = true;
    await health.checkNow();
    b.answering = false;
    await health.checkNow();
    expect(health.isUp(`unix://${b.socket}`)).toBe(true);
  });

  it('brings a lost engine back at its first answer and tells the listeners', async () => {
    const back: string[] = [];
    health.onBack((engine) => back.push(engine.name));
    a.answering = false;
    await health.checkNow();
    await health.checkNow();
    expect(health.isUp(`unix://${a.socket}`)).toBe(false);
    a.answering = true;
    await health.checkNow();
    expect(health.isUp(`unix://${a.socket}`)).toBe(true);
    expect(back).toEqual(['a']);
    expect(health.all()[0]).toMatchObject({ state: 'up', failures: 0 });
    expect(health.all()[0].lastError).toBeUndefined();
  });

  it('rejects work on an engine when it is declared lost, and at once once it is', async () => {
    const hanging = new Promise<string>(() => {});
    const work = health.whileUp(`unix://${a.socket}`, hanging);
    a.answering = false;
    await health.checkNow();
    await health.checkNow();
    await expect(work).rejects.toBeInstanceOf(EngineLostError);
    await expect(health.whileUp(`unix://${a.socket}`, Promise.resolve('x'))).rejects.toThrow(
      'Docker engine a stopped answering',
    );
    // Work on an engine that answers is untouched.
    await expect(health.whileUp(`unix://${b.socket}`, Promise.resolve('y'))).resolves.toBe('y');
  });

  it('takes an endpoint no configuration names to be up', async () => {
    expect(health.isUp('tcp://elsewhere:2376')).toBe(true);
    await expect(health.whileUp('tcp://elsewhere:2376', Promise.resolve(1))).resolves.toBe(1);
  });
});
