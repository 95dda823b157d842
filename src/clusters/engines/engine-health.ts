import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../../common/adapters/clock.js';
import { AppConfigService } from '../../config/app-config.js';
import { DriverError } from '../environment-driver.js';
import { dockerEnginesOf, type DockerEngine, type DockerEngines } from './docker-engines.js';

export type EngineState = 'up' | 'lost';

export interface EngineStatus {
  engine: DockerEngine;
  state: EngineState;
  /** Since when the engine is in this state. */
  since: Date;
  lastCheckAt?: Date;
  /** Asks in a row that got no answer. */
  failures: number;
  lastError?: string;
}

/** What a learner whose environment was on a lost engine reads. */
export const ENGINE_LOST_MESSAGE =
  'Der Rechner, auf dem deine Übungsumgebung lief, antwortet nicht mehr. Dein Fortschritt bleibt gespeichert – mit „Fortsetzen“ bekommst du eine neue Umgebung auf einem anderen Rechner, deine bestandenen Schritte werden dabei wiederhergestellt.';

/** Thrown into work that waited on an engine when it is declared lost. */
export class EngineLostError extends DriverError {
  constructor(readonly engine: string) {
    super(`Docker engine ${engine} stopped answering`, ENGINE_LOST_MESSAGE);
    this.name = 'EngineLostError';
  }
}

type Listener = (engine: DockerEngine) => unknown;

/**
 * Asks every engine every KUBELAB_ENGINE_CHECK_SECONDS whether it answers (a ping). After
 * KUBELAB_ENGINE_LOST_AFTER asks in a row without an answer it is lost: `onLost` listeners run
 * (its sessions become unavailable, its environments stop counting) and work waiting on it
 * (`whileUp`) is rejected. Its first answer after that brings it back: `onBack` listeners run
 * (what is left there is cleaned up). An engine no configuration names is taken to be up.
 */
@Injectable()
export class EngineHealth implements OnApplicationShutdown {
  private readonly logger = new Logger(EngineHealth.name);
  private readonly engines: DockerEngines;
  private readonly status = new Map<string, EngineStatus>();
  private readonly lostListeners: Listener[] = [];
  private readonly backListeners: Listener[] = [];
  /** Per endpoint: rejects the work racing it when the engine is declared lost. */
  private readonly lossSignals = new Map<
    string,
    { promise: Promise<never>; reject: (e: Error) => void }
  >();
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;

  constructor(
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {
    this.engines = dockerEnginesOf(config);
    for (const engine of this.engines.all())
      this.status.set(engine.endpoint, { engine, state: 'up', since: clock.now(), failures: 0 });
  }

  /** Starts the periodic asking (the server does at start-up; tests ask with `checkNow`). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(
      () => void this.checkNow(),
      this.config.get('KUBELAB_ENGINE_CHECK_SECONDS') * 1000,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): Promise<void> | undefined {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.checking;
  }

  onLost(listener: Listener): void {
    this.lostListeners.push(listener);
  }

  onBack(listener: Listener): void {
    this.backListeners.push(listener);
  }

  isUp(endpoint: string): boolean {
    return this.status.get(endpoint)?.state !== 'lost';
  }

  /** Every configured engine with its state, in configuration order. */
  all(): EngineStatus[] {
    return [...this.status.values()].map((s) => ({ ...s }));
  }

  /** The engines currently answering, in configuration order. */
  up(): DockerEngine[] {
    return this.all()
      .filter((s) => s.state === 'up')
      .map((s) => s.engine);
  }

  /**
   * Runs `work` against an engine, rejected with EngineLostError when the engine is declared
   * lost meanwhile: a call to an engine that hangs (paused, network gone) would otherwise wait
   * forever and hold its place in the creation queue.
   */
  whileUp<T>(endpoint: string, work: Promise<T>): Promise<T> {
    if (!this.status.has(endpoint)) return work;
    if (!this.isUp(endpoint)) {
      work.catch(() => undefined);
      return Promise.reject(new EngineLostError(this.engines.nameOf(endpoint)));
    }
    return Promise.race([work, this.lossSignal(endpoint)]);
  }

  /** One round of asking every engine; concurrent callers share the round. */
  checkNow(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    await Promise.all([...this.status.values()].map((status) => this.check(status)));
  }

  private async check(status: EngineStatus): Promise<void> {
    const timeoutMs = Math.min(5000, this.config.get('KUBELAB_ENGINE_CHECK_SECONDS') * 1000);
    let error: string | undefined;
    try {
      await this.engines.docker(status.engine.endpoint, timeoutMs).ping();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    status.lastCheckAt = this.clock.now();
    if (error === undefined) {
      status.failures = 0;
      status.lastError = undefined;
      if (status.state === 'lost') await this.transition(status, 'up');
      return;
    }
    status.failures++;
    status.lastError = error;
    const lostAfter = this.config.get('KUBELAB_ENGINE_LOST_AFTER');
    if (status.state === 'up' && status.failures >= lostAfter)
      await this.transition(status, 'lost');
  }

  private async transition(status: EngineStatus, state: EngineState): Promise<void> {
    const { engine } = status;
    status.state = state;
    status.since = this.clock.now();
    if (state === 'lost') {
      this.logger.error(
        `Docker engine ${engine.name} (${engine.endpoint}) is lost: ${status.failures} asks without an answer (${status.lastError})`,
      );
    } else {
      this.logger.log(`Docker engine ${engine.name} (${engine.endpoint}) answers again`);
    }
    for (const listener of state === 'lost' ? this.lostListeners : this.backListeners) {
      try {
        await listener(engine);
      } catch (error) {
        this.logger.error(`Handling engine ${engine.name} ${state} failed: ${String(error)}`);
      }
    }
    // After the listeners, so a session is `unavailable` before its creation hears of the loss.
    if (state === 'lost') {
      this.lossSignals.get(engine.endpoint)?.reject(new EngineLostError(engine.name));
      this.lossSignals.delete(engine.endpoint);
    }
  }

  private lossSignal(endpoint: string): Promise<never> {
    let signal = this.lossSignals.get(endpoint);
    if (!signal) {
      let reject!: (e: Error) => void;
      const promise = new Promise<never>((_, r) => (reject = r));
      promise.catch(() => undefined);
      signal = { promise, reject };
      this.lossSignals.set(endpoint, signal);
    }
    return signal.promise;
  }
}
