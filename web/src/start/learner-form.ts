import { api, ApiError, messageOf, token } from '../api.js';
import { button, el, errorBox } from '../common/dom.js';

interface Learner {
  id: string;
  name: string;
  token?: string;
}

/**
 * "Wie heißt du?" once; the token stays in localStorage. A token the server no longer knows
 * (e.g. a new database) is dropped and the form comes back.
 */
export async function renderLearner(
  box: HTMLElement,
  who: HTMLElement,
  onChange: () => void,
): Promise<boolean> {
  if (token.get()) {
    try {
      const me = await api<Learner>('GET', '/api/learners/me');
      who.replaceChildren(
        el('span', { text: `Hallo, ${me.name}` }),
        button(
          'Abmelden',
          () => {
            token.clear();
            onChange();
          },
          { class: 'link-button' },
        ),
      );
      box.replaceChildren();
      return true;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      token.clear();
    }
  }
  who.replaceChildren();
  box.replaceChildren(nameForm(onChange));
  return false;
}

function nameForm(onDone: () => void): HTMLElement {
  const input = el('input', {
    attrs: {
      id: 'learner-name',
      name: 'name',
      required: '',
      maxlength: '60',
      autocomplete: 'name',
    },
  });
  const status = el('div', { attrs: { 'aria-live': 'polite' } });
  const form = el(
    'form',
    { class: 'name-form' },
    el('label', { text: 'Wie heißt du?', attrs: { for: 'learner-name' } }),
    el(
      'div',
      { class: 'row' },
      input,
      el('button', { text: 'Los geht’s', attrs: { type: 'submit' } }),
    ),
    el('p', {
      class: 'meta',
      text: 'Dein Name erscheint nur bei deiner Kursleitung. Dieser Browser merkt sich, wer du bist.',
    }),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    api<Learner>('POST', '/api/learners', { name: input.value.trim() })
      .then((learner) => {
        if (learner.token) token.set(learner.token);
        onDone();
      })
      .catch((error: unknown) => status.replaceChildren(errorBox(messageOf(error))));
  });
  return form;
}
