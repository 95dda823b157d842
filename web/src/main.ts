import { api, ApiError, token, type LabSummary, type SessionView } from './api.js';

const LEVELS: Record<string, string> = {
  einsteiger: 'Einsteiger',
  fortgeschritten: 'Fortgeschritten',
  experte: 'Experte',
};
const STATUS: Record<string, string> = {
  queued: 'wartet',
  provisioning: 'wird vorbereitet',
  ready: 'bereit',
  failed: 'fehlgeschlagen',
  unavailable: 'nicht verfügbar',
  expired: 'abgelaufen',
  finished: 'beendet',
};

const $ = (id: string) => document.getElementById(id)!;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function showError(error: unknown): void {
  const box = $('session');
  box.replaceChildren(
    el('p', error instanceof ApiError ? error.message : 'Unerwarteter Fehler.', 'error'),
  );
}

function renderLearnerForm(): void {
  const box = $('learner');
  if (token.get()) {
    box.replaceChildren();
    return;
  }
  const form = el('form');
  const label = el('label', 'Dein Name ');
  const input = el('input');
  input.name = 'name';
  input.required = true;
  input.maxLength = 60;
  label.append(input);
  form.append(label, el('button', 'Los geht’s'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    api<{ token: string }>('POST', '/api/learners', { name: input.value })
      .then((learner) => {
        token.set(learner.token);
        renderLearnerForm();
      })
      .catch(showError);
  });
  box.replaceChildren(form);
}

async function renderLabs(): Promise<void> {
  const labs = await api<LabSummary[]>('GET', '/api/labs');
  const list = el('ul', undefined, 'cards');
  for (const lab of labs) {
    const card = el('li', undefined, 'card');
    const start = el('button', 'Starten');
    start.addEventListener('click', () => void startSession(lab.id));
    card.append(
      el('h2', lab.title),
      el('p', lab.summary),
      el(
        'p',
        `${lab.duration} Minuten · ${LEVELS[lab.level] ?? lab.level} · ${lab.stepCount} Schritte`,
        'meta',
      ),
      start,
    );
    list.append(card);
  }
  $('labs').replaceChildren(labs.length ? list : el('p', 'Es sind noch keine Übungen vorhanden.'));
}

async function startSession(labId: string): Promise<void> {
  try {
    if (!token.get()) throw new ApiError('Bitte gib zuerst deinen Namen ein.');
    let session = await api<SessionView>('POST', '/api/sessions', { labId });
    while (session.status === 'queued' || session.status === 'provisioning') {
      renderSession(session);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      session = await api<SessionView>('GET', `/api/sessions/${session.id}`);
    }
    renderSession(session);
  } catch (error) {
    showError(error);
  }
}

function renderSession(session: SessionView): void {
  $('session').replaceChildren(
    el('h2', `Sitzung: ${STATUS[session.status] ?? session.status}`),
    el('p', session.message ?? ''),
    el(
      'p',
      `Fortschritt: ${session.progress.passed} von ${session.progress.total} Schritten`,
      'meta',
    ),
  );
}

renderLearnerForm();
renderLabs().catch(showError);
