import { el } from '../common/dom.js';
import type { SessionView } from '@contract/session.views.js';

/** The list of steps: passed ones ticked, the current one marked; a click moves there. */
export class StepNav {
  readonly element = el('nav', { class: 'step-nav', attrs: { 'aria-label': 'Schritte' } });
  private readonly list = el('ol');

  constructor(private readonly onSelect: (stepId: string) => void) {
    this.element.append(this.list);
  }

  show(session: SessionView, current: string): void {
    this.list.replaceChildren(
      ...session.steps.map((step, index) => {
        const label = `Schritt ${index + 1}: ${step.title}${step.passed ? ' (geschafft)' : ''}`;
        const item = el('button', {
          class: `step-link${step.passed ? ' passed' : ''}`,
          text: step.passed ? '✓' : String(index + 1),
          attrs: {
            type: 'button',
            title: label,
            'aria-label': label,
            'data-step': step.id,
            ...(step.id === current ? { 'aria-current': 'step' } : {}),
          },
        });
        item.addEventListener('click', () => this.onSelect(step.id));
        return el('li', {}, item);
      }),
    );
  }
}
