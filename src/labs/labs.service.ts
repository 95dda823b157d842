import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.js';
import { loadLabs } from './lab-loader.js';
import type { Lab, LabProblem, LoadedStep } from './lab.types.js';
import { LabError } from './lab.errors.js';
import { labInMode } from './modes/lab-in-mode.js';

/**
 * The lab catalog: loaded from files at start-up, ordered by id, each lab as the server's mode
 * (KUBELAB_MODE) shows it, so everything that reads a step sees that mode's text and checks.
 */
@Injectable()
export class LabsService implements OnModuleInit {
  private readonly logger = new Logger(LabsService.name);
  private labs = new Map<string, Lab>();
  private labProblems: LabProblem[] = [];
  private loaded = false;

  constructor(private readonly config: AppConfigService) {}

  onModuleInit(): void {
    this.reload();
  }

  reload(): void {
    const { labs, problems } = loadLabs(this.config.get('KUBELAB_LABS_DIR'));
    const mode = this.config.get('KUBELAB_MODE');
    this.labs = new Map(labs.map((lab) => [lab.id, labInMode(lab, mode)]));
    this.labProblems = problems;
    this.loaded = true;
    this.logger.log(`Loaded ${labs.length} lab(s): ${labs.map((l) => l.id).join(', ') || 'none'}`);
    for (const p of problems) {
      this.logger.warn(
        `Lab ${p.labId} left out: ${p.file}${p.line ? `:${p.line}` : ''} ${p.path} – ${p.message}`,
      );
    }
  }

  isLoaded(): boolean {
    return this.loaded;
  }

  list(): Lab[] {
    return [...this.labs.values()];
  }

  problems(): LabProblem[] {
    return this.labProblems;
  }

  find(id: string): Lab | undefined {
    return this.labs.get(id);
  }

  get(id: string): Lab {
    const lab = this.labs.get(id);
    if (!lab) throw new LabError('LAB_NOT_FOUND', `Die Übung "${id}" gibt es nicht.`);
    return lab;
  }

  step(lab: Lab, stepId: string): LoadedStep {
    const step = lab.steps.find((s) => s.id === stepId);
    if (!step) {
      throw new LabError(
        'STEP_NOT_FOUND',
        `Den Schritt "${stepId}" gibt es in der Übung "${lab.id}" nicht.`,
      );
    }
    return step;
  }
}
