import { api, ApiError, messageOf, token } from '../api.js';
import { connection } from '../common/connection.js';
import { byId, el, errorBox } from '../common/dom.js';
import type { LabSummary } from '@contract/lab.views.js';
import type { SessionView } from '@contract/session.views.js';
import { labCard } from './lab-card.js';
import { renderLearner } from './learner-form.js';

const labsBox = byId('labs');
const notice = byId('notice');

function labUrl(session: SessionView): string {
  return `/lab.html?session=${encodeURIComponent(session.id)}`;
}

async function start(lab: LabSummary): Promise<void> {
  if (!token.get()) {
    notice.replaceChildren(errorBox('Gib bitte zuerst deinen Namen ein.'));
    document.getElementById('learner-name')?.focus();
    return;
  }
  const session = await api<SessionView>('POST', '/api/sessions', { labId: lab.id });
  window.location.assign(labUrl(session));
}

async function resume(session: SessionView): Promise<void> {
  await api<SessionView>('POST', `/api/sessions/${session.id}/resume`);
  window.location.assign(labUrl(session));
}

function attempt(action: () => Promise<void>): void {
  notice.replaceChildren();
  action().catch((error: unknown) => notice.replaceChildren(errorBox(messageOf(error))));
}

/** The newest session per lab (the list comes newest first). */
function newestByLab(sessions: SessionView[]): Map<string, SessionView> {
  const byLab = new Map<string, SessionView>();
  for (const s of sessions) if (!byLab.has(s.labId)) byLab.set(s.labId, s);
  return byLab;
}

async function render(): Promise<void> {
  notice.replaceChildren();
  const signedIn = await renderLearner(byId('learner'), byId('who'), () => void safeRender());
  const [labs, sessions] = await Promise.all([
    api<LabSummary[]>('GET', '/api/labs'),
    signedIn ? api<SessionView[]>('GET', '/api/sessions') : Promise.resolve([]),
  ]);
  if (labs.length === 0) {
    labsBox.replaceChildren(el('p', { text: 'Es sind noch keine Übungen vorhanden.' }));
    return;
  }
  const newest = newestByLab(sessions);
  const list = el('ul', { class: 'cards' });
  for (const lab of labs) {
    list.append(
      labCard(lab, newest.get(lab.id), {
        start: (l) => attempt(() => start(l)),
        open: (s) => window.location.assign(labUrl(s)),
        resume: (s) => attempt(() => resume(s)),
      }),
    );
  }
  labsBox.replaceChildren(list);
}

async function safeRender(): Promise<void> {
  try {
    await render();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NETWORK') return; // the banner says so
    labsBox.replaceChildren(
      errorBox(messageOf(error), { label: 'Erneut versuchen', run: () => void safeRender() }),
    );
  }
}

connection.onRestored(() => void safeRender());
void safeRender();
