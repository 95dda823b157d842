import type { EnvironmentDriver, EnvironmentInfo } from '../clusters/environment-driver.js';
import type { EnvironmentHandle } from '../clusters/environment-handle.js';
import { reportOf, type PreflightReport } from '../clusters/preflight/preflight.types.js';

/** A driver whose clusters appear at once: what remains of a measurement is kubelab's own time. */
export class StandInDriver implements EnvironmentDriver {
  readonly type = 'kind' as const;

  preflight(): Promise<PreflightReport> {
    return Promise.resolve(
      reportOf([{ id: 'stand-in', label: 'stand-in', required: true, ok: true }], new Date()),
    );
  }

  profileOf(): string {
    return 'stand-in';
  }

  create(spec: { name: string }): Promise<EnvironmentHandle> {
    return this.handle(spec.name);
  }

  destroy(): Promise<void> {
    return Promise.resolve();
  }

  list(): Promise<EnvironmentInfo[]> {
    return Promise.resolve([]);
  }

  handle(name: string): Promise<EnvironmentHandle> {
    const none = () => Promise.reject(new Error('stand-in cluster'));
    return Promise.resolve({
      name,
      kubeConfig: none,
      nodes: () => Promise.resolve([]),
      execInNode: () => Promise.resolve({ exitCode: 0, stdout: '', stderr: '', timedOut: false }),
      execInPod: none,
      openShell: none,
      unprivilegedShellNode: null,
    });
  }
}
