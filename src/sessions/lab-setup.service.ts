import { Injectable } from '@nestjs/common';
import fs from 'node:fs';
import path from 'node:path';
import { DriverError } from '../clusters/cluster-driver.js';
import type { ClusterHandle } from '../clusters/cluster-handle.js';
import type { Lab } from '../labs/lab.types.js';

const SETUP_TIMEOUT_MS = 120_000;

/** Brings a fresh environment into the state the lab starts from. */
@Injectable()
export class LabSetupService {
  async apply(lab: Lab, handle: ClusterHandle): Promise<void> {
    if (lab.setup.length === 0) return;
    if (lab.environment === 'container') return this.runScripts(lab, handle);
    throw new DriverError(
      `applying setup manifests of ${lab.id} is not implemented yet`,
      'Diese kubelab-Version kann die Ausgangslage der Übung noch nicht herstellen. Bitte gib der Kursleitung Bescheid.',
    );
  }

  /** Each script runs with bash in the container, in file order; the first failure stops. */
  private async runScripts(lab: Lab, handle: ClusterHandle): Promise<void> {
    for (const file of lab.setup) {
      const script = fs.readFileSync(path.join(lab.dir, file), 'utf8');
      const result = await handle.execInNode('control-plane', ['bash', '-s'], {
        stdin: script,
        timeoutMs: SETUP_TIMEOUT_MS,
      });
      if (result.exitCode !== 0 || result.timedOut) {
        throw new DriverError(
          `setup ${file} of ${lab.id} failed with exit code ${result.exitCode}`,
          'Die Ausgangslage der Übung konnte nicht hergestellt werden. Bitte versuche es noch einmal.',
          `${file}: ${result.stderr.slice(-2000)}`,
        );
      }
    }
  }
}
