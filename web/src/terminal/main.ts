import { openTerminal } from './terminal-view.js';

/**
 * The stand-alone terminal page: `/terminal.html?session=<id>[&node=<node>]`, token from
 * localStorage. The lab page embeds the same terminal through `openTerminal`.
 */
const app = document.getElementById('terminal-app')!;
const params = new URLSearchParams(window.location.search);
const sessionId = params.get('session');
const node = params.get('node') ?? undefined;

function fail(message: string): void {
  const p = document.createElement('p');
  p.className = 'kl-terminal-page-error';
  p.setAttribute('role', 'alert');
  p.textContent = message;
  app.replaceChildren(p);
}

if (!sessionId) {
  fail('Zu dieser Seite gehört eine Sitzung: öffne sie über deine Übung.');
} else if (!localStorage.getItem('kubelab.token')) {
  fail('Du bist in diesem Browser nicht angemeldet. Gib auf der Übersicht deinen Namen ein.');
} else {
  document.title = `Terminal ${node ?? 'control-plane'} – kubelab`;
  const view = openTerminal(app, { sessionId, node });
  view.focus();
}
