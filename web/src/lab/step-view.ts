import { api, messageOf } from '../api.js';
import { button, el, errorBox } from '../common/dom.js';
import { inlineCode } from '../common/inline-code.js';
import type { LabStep } from '@contract/lab.views.js';
import type { CheckResponse, HintsResponse, SessionView } from '@contract/session.views.js';
import { answersStore } from './answers-store.js';
import { checkResults } from './check-results.js';
import { enhanceCodeBlocks } from './code-blocks.js';

export interface StepContext {
  session: () => SessionView;
  /** A newer session view from the server (after a check, a hint, a move). */
  onSession: (session: SessionView) => void;
  paste: (text: string) => boolean;
  announce: (message: string) => void;
  goTo: (stepId: string) => void;
  finish: () => void;
}

/** What the page remembers about a step while it is open: the last verdict and the hints. */
export interface StepMemory {
  lastCheck?: CheckResponse;
  hints?: HintsResponse;
}

/** One step: its text, its questions, "Prüfen" with the verdict, hints, and the way on. */
export function stepView(
  step: LabStep,
  index: number,
  steps: LabStep[],
  memory: StepMemory,
  ctx: StepContext,
): HTMLElement {
  const session = ctx.session();
  const progress = session.steps.find((s) => s.id === step.id);
  const content = el('div', { class: 'step-content' });
  content.innerHTML = step.html; // rendered and sanitised by the server (markdown-it, no raw HTML)
  // The step text starts with its title; the page shows it once, as the step's heading.
  if (content.firstElementChild?.tagName === 'H1') content.firstElementChild.remove();
  enhanceCodeBlocks(content, ctx.paste, ctx.announce);

  const results = el('div', { class: 'results-box', attrs: { 'aria-live': 'polite' } });
  const next = steps[index + 1];
  const onward = () =>
    next
      ? button(`Weiter zu Schritt ${index + 2}`, () => ctx.goTo(next.id), { class: 'primary' })
      : button('Übung abschließen', ctx.finish, { class: 'primary' });
  const showVerdict = (response: CheckResponse) => {
    const titles = new Map(step.questions.map((q) => [q.id, q.prompt]));
    const shown = checkResults(response, titles, (id) => focusAnswer(id));
    enhanceCodeBlocks(shown, ctx.paste, ctx.announce);
    results.replaceChildren(shown, response.passed ? onward() : '');
  };
  if (memory.lastCheck) showVerdict(memory.lastCheck);

  const form = checkForm(step, session, results, (response) => {
    memory.lastCheck = response;
    // A newly passed step is rendered afresh (badge, navigation) and shows the verdict from memory.
    ctx.onSession(response.session);
    if (results.isConnected) showVerdict(response);
    revealResults();
  });

  return el(
    'article',
    { class: 'step', attrs: { 'aria-labelledby': 'step-title', 'data-step': step.id } },
    el(
      'p',
      { class: 'meta' },
      `Schritt ${index + 1} von ${steps.length}`,
      step.questions[0] ? toAnswerLink(step.questions[0].id, step.questions.length) : null,
    ),
    el(
      'h2',
      { attrs: { id: 'step-title', tabindex: '-1' } },
      step.title,
      progress?.passed ? el('span', { class: 'badge passed', text: '✓ geschafft' }) : null,
    ),
    content,
    form,
    results,
    hintsBox(step, session, memory, progress?.hintsRevealed ?? 0),
    el(
      'div',
      { class: 'step-footer' },
      index > 0
        ? button('← Zurück', () => ctx.goTo(steps[index - 1].id), { class: 'secondary' })
        : el('span'),
      next
        ? button('Weiter →', () => ctx.goTo(next.id), { class: 'secondary' })
        : button('Übung abschließen', ctx.finish, { class: 'secondary' }),
    ),
  );
}

function checkForm(
  step: LabStep,
  session: SessionView,
  results: HTMLElement,
  onChecked: (response: CheckResponse) => void,
): HTMLFormElement {
  const saved = answersStore.get(session.id, step.id);
  const inputs = step.questions.map((q) => {
    const input = el('input', {
      attrs: {
        id: `answer-${q.id}`,
        name: q.id,
        autocomplete: 'off',
        spellcheck: 'false',
        ...(q.type === 'number' ? { inputmode: 'numeric' } : {}),
      },
    });
    input.value = saved[q.id] ?? '';
    return { q, input };
  });
  const ready = session.status === 'ready';
  const submit = el('button', {
    text: 'Prüfen',
    class: 'primary',
    attrs: { type: 'submit', ...(ready ? {} : { 'aria-disabled': 'true' }) },
  });
  const form = el(
    'form',
    { class: 'check-form' },
    inputs.length
      ? el('h3', { text: inputs.length > 1 ? 'Deine Antworten' : 'Deine Antwort' })
      : null,
    ...inputs.map(({ q, input }) =>
      el(
        'div',
        { class: 'question' },
        el('label', { text: q.prompt, attrs: { for: input.id } }),
        input,
      ),
    ),
    el(
      'div',
      { class: 'row' },
      submit,
      ready
        ? null
        : el('span', { class: 'meta', text: 'Prüfen geht, sobald deine Umgebung bereit ist.' }),
    ),
  );
  const answers = () =>
    Object.fromEntries(inputs.map(({ q, input }) => [q.id, input.value.trim()]));
  form.addEventListener('input', () => answersStore.set(session.id, step.id, answers()));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.getAttribute('aria-disabled') === 'true' || submit.dataset.busy) return;
    submit.dataset.busy = '1';
    submit.textContent = 'Wird geprüft …';
    results.replaceChildren(el('p', { class: 'meta', text: 'Deine Umgebung wird geprüft …' }));
    const filled = Object.fromEntries(Object.entries(answers()).filter(([, v]) => v !== ''));
    api<CheckResponse>('POST', `/api/sessions/${session.id}/steps/${step.id}/check`, {
      answers: filled,
    })
      .then(onChecked)
      .catch((error: unknown) =>
        results.replaceChildren(
          errorBox(messageOf(error), { label: 'Erneut prüfen', run: () => form.requestSubmit() }),
        ),
      )
      .finally(() => {
        delete submit.dataset.busy;
        submit.textContent = 'Prüfen';
      });
  });
  return form;
}

function hintsBox(
  step: LabStep,
  session: SessionView,
  memory: StepMemory,
  revealed: number,
): HTMLElement {
  const list = el('ol', { class: 'hint-list' });
  const status = el('p', { class: 'meta' });
  const reveal = button('Tipp anzeigen', () => {
    api<HintsResponse>('POST', `/api/sessions/${session.id}/steps/${step.id}/hints`)
      .then((response) => {
        memory.hints = response;
        render();
        (list.lastElementChild as HTMLElement | null)?.focus();
      })
      .catch((error: unknown) => status.replaceChildren(errorBox(messageOf(error))));
  });
  const render = () => {
    const hints = memory.hints;
    list.replaceChildren(
      ...(hints?.hints ?? []).map((text) =>
        el('li', { attrs: { tabindex: '-1' } }, inlineCode(text)),
      ),
    );
    if (hints) {
      reveal.hidden = hints.remaining === 0;
      reveal.textContent = 'Noch ein Tipp';
      status.textContent = hints.remaining === 0 ? 'Das waren alle Tipps zu diesem Schritt.' : '';
    } else if (revealed > 0) {
      reveal.textContent = 'Nächsten Tipp anzeigen';
      status.textContent = `Du hast dir schon ${revealed === 1 ? 'einen Tipp' : `${revealed} Tipps`} angesehen; sie erscheinen wieder zusammen mit dem nächsten.`;
    }
  };
  render();
  if (step.hintCount === 0) return el('div');
  return el('section', { class: 'hints', attrs: { 'aria-label': 'Tipps' } }, list, status, reveal);
}

/**
 * After „Prüfen“ the verdict has focus and the results, with „Weiter zu Schritt N“ below them,
 * are in view; results taller than the pane show from their top.
 */
function revealResults(): void {
  const box = document.querySelector<HTMLElement>('.step .results-box');
  const verdict = box?.querySelector<HTMLElement>('.verdict');
  verdict?.focus({ preventScroll: true });
  box?.scrollIntoView({ block: 'nearest' });
  verdict?.scrollIntoView({ block: 'nearest' });
}

/** From a failed answer's result back to its field. */
function focusAnswer(id: string): void {
  const input = document.getElementById(`answer-${id}`);
  input?.scrollIntoView({ block: 'center' });
  input?.focus({ preventScroll: true });
}

/** At the top of a step with questions: where to answer, below the text. */
function toAnswerLink(firstId: string, count: number): HTMLElement {
  const link = el('a', {
    class: 'to-answer',
    text: count > 1 ? 'Zu deinen Antworten ↓' : 'Zu deiner Antwort ↓',
    attrs: { href: `#answer-${firstId}` },
  });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    focusAnswer(firstId);
  });
  return el('span', {}, ' · ', link);
}
