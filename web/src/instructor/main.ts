import { ApiError, instructorToken, messageOf, request } from '../api.js';
import { connection } from '../common/connection.js';
import { button, byId, el, errorBox } from '../common/dom.js';
import { dashboard } from './dashboard.js';
import { OlderPages, type PagedPart } from './older-pages.js';
import { sessionDetail } from './session-detail.js';
import type { Overview, PageView, SessionDetail } from '@contract/instructor.views.js';

const REFRESH_MS = 5000;
const content = byId('content');
const account = byId('account');
let timer: number | undefined;
let shown = '';
const olderPages = new OlderPages();
/** The session detail on screen, as shown (newest page and the older pages loaded). */
let detailShown: { id: string; detail: SessionDetail } | null = null;

function call<T>(method: string, path: string): Promise<T> {
  return request<T>(method, path, { bearer: instructorToken.get() });
}

function route(): { view: 'overview' } | { view: 'session'; id: string } {
  const match = /^#\/sitzung\/([0-9a-f-]{36})$/.exec(window.location.hash);
  return match ? { view: 'session', id: match[1] } : { view: 'overview' };
}

/** Replaces the view only when the data changed, and keeps keyboard focus on the same link. */
function show(data: unknown, render: () => HTMLElement): void {
  // The minute is part of the key, so that "vor 3 Min." moves on while nothing else changes.
  const json = JSON.stringify([data, Math.floor(Date.now() / 60_000)]);
  if (json === shown) return;
  shown = json;
  const focused = (document.activeElement as HTMLElement | null)?.dataset.focusKey;
  content.replaceChildren(render());
  if (focused) content.querySelector<HTMLElement>(`[data-focus-key="${focused}"]`)?.focus();
}

async function refresh(): Promise<void> {
  const where = route();
  try {
    if (where.view === 'overview') {
      const overview = await call<Overview>('GET', '/api/instructor/overview');
      show(overview, () => dashboard(overview));
    } else {
      const newest = await call<SessionDetail>('GET', `/api/instructor/sessions/${where.id}`);
      const detail = olderPages.merge(where.id, newest);
      detailShown = { id: where.id, detail };
      show(detail, () =>
        sessionDetail(detail, {
          end: () => void end(where.id),
          older: (part) => void loadOlder(where.id, part),
        }),
      );
    }
    account.replaceChildren(button('Abmelden', signOut, { class: 'link-button' }));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      instructorToken.clear();
      signIn(
        error.status === 403
          ? 'Dieser Schlüssel gehört keiner Kursleitung.'
          : 'Der Schlüssel ist ungültig.',
      );
      return;
    }
    if (error instanceof ApiError && error.code === 'NETWORK') return; // banner; retried on restore
    shown = '';
    content.replaceChildren(
      errorBox(messageOf(error), { label: 'Erneut versuchen', run: () => void refresh() }),
    );
  }
}

/** Fetches the next older page of `part` and shows it below what is there. */
async function loadOlder(id: string, part: PagedPart): Promise<void> {
  if (detailShown?.id !== id) return;
  const { detail } = detailShown;
  const next = olderPages.next(detail, part);
  if (!next) return;
  try {
    const page = await call<PageView<{ id: string }>>(
      'GET',
      `/api/instructor/sessions/${id}/${part}?before=${encodeURIComponent(next)}`,
    );
    olderPages.add(id, part, detail[part].items, page);
    await refresh();
  } catch (error) {
    content.prepend(errorBox(messageOf(error)));
  }
}

async function end(id: string): Promise<void> {
  if (
    !window.confirm(
      'Diese Sitzung beenden? Die Umgebung wird gelöscht; der Fortschritt bleibt gespeichert.',
    )
  )
    return;
  try {
    await call<void>('DELETE', `/api/instructor/sessions/${id}`);
    await refresh();
  } catch (error) {
    content.prepend(errorBox(messageOf(error)));
  }
}

function start(): void {
  window.clearInterval(timer);
  shown = '';
  void refresh();
  timer = window.setInterval(() => {
    if (document.visibilityState === 'visible') void refresh();
  }, REFRESH_MS);
}

function signOut(): void {
  instructorToken.clear();
  signIn();
}

function signIn(problem?: string): void {
  window.clearInterval(timer);
  shown = '';
  account.replaceChildren();
  const input = el('input', {
    attrs: {
      id: 'instructor-token',
      type: 'password',
      required: '',
      autocomplete: 'current-password',
    },
  });
  const form = el(
    'form',
    { class: 'name-form' },
    el('h1', { text: 'Anmeldung für Kursleitende' }),
    problem ? errorBox(problem) : null,
    el('label', { text: 'Schlüssel der Kursleitung', attrs: { for: 'instructor-token' } }),
    el(
      'div',
      { class: 'row' },
      input,
      el('button', { text: 'Anmelden', attrs: { type: 'submit' } }),
    ),
    el('p', {
      class: 'meta',
      text: 'Der Schlüssel steht in KUBELAB_INSTRUCTOR_TOKEN. Dieser Browser merkt ihn sich.',
    }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    instructorToken.set(input.value.trim());
    start();
  });
  content.replaceChildren(form);
  input.focus();
}

window.addEventListener('hashchange', () => {
  shown = '';
  void refresh().then(() => {
    window.scrollTo(0, 0);
    content.focus({ preventScroll: true });
  });
});
connection.onRestored(() => void refresh());
if (instructorToken.get()) start();
else signIn();
