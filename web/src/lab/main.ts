import { api, ApiError, messageOf, token } from '../api.js';
import { connection } from '../common/connection.js';
import { byId, el, errorBox } from '../common/dom.js';
import type { LabDetail } from '@contract/lab.views.js';
import type { SessionView } from '@contract/session.views.js';
import { LabPage } from './lab-page.js';

const app = byId('app');
const sessionId = new URLSearchParams(window.location.search).get('session');

function dead(message: string): void {
  app.replaceChildren(
    el(
      'main',
      { class: 'start' },
      errorBox(message),
      el('p', {}, el('a', { text: 'Zur Übersicht', attrs: { href: '/' }, class: 'button-link' })),
    ),
  );
}

let page: LabPage | undefined;

async function load(): Promise<void> {
  if (!sessionId)
    return dead('Zu dieser Seite gehört eine Sitzung. Starte eine Übung auf der Übersicht.');
  if (!token.get())
    return dead(
      'Du bist in diesem Browser nicht angemeldet. Gib auf der Übersicht deinen Namen ein.',
    );
  try {
    const session = await api<SessionView>('GET', `/api/sessions/${encodeURIComponent(sessionId)}`);
    if (page) return page.update(session);
    const lab = await api<LabDetail>('GET', `/api/labs/${encodeURIComponent(session.labId)}`);
    document.title = `${lab.title} – kubelab`;
    page = new LabPage(app, lab, session);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NETWORK') {
      if (!page) app.replaceChildren(errorBox(messageOf(error)));
      return; // the banner says so; we load again when the server is back
    }
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
      return dead('Diese Sitzung gibt es nicht (mehr). Starte die Übung auf der Übersicht neu.');
    }
    if (error instanceof ApiError && error.status === 401) {
      token.clear();
      return dead('Du bist nicht mehr angemeldet. Gib auf der Übersicht deinen Namen ein.');
    }
    app.replaceChildren(
      errorBox(messageOf(error), { label: 'Erneut versuchen', run: () => void load() }),
    );
  }
}

connection.onRestored(() => void load());
void load();
