type Child = Node | string | null | undefined | false;

interface Props {
  class?: string;
  text?: string;
  attrs?: Record<string, string>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

/** Creates an element; text goes in as text, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const [type, handler] of Object.entries(props.on ?? {})) {
    node.addEventListener(type, handler as EventListener);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

export function button(
  label: string,
  onClick: () => void,
  options: { class?: string; attrs?: Record<string, string> } = {},
): HTMLButtonElement {
  const node = el('button', {
    text: label,
    class: options.class,
    attrs: { type: 'button', ...options.attrs },
  });
  node.addEventListener('click', onClick);
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing`);
  return node as T;
}

/** A German error sentence, with a way out (a button) where there is one. */
export function errorBox(
  message: string,
  action?: { label: string; run: () => void },
): HTMLElement {
  return el(
    'div',
    { class: 'banner banner-error', attrs: { role: 'alert' } },
    el('p', { text: message }),
    action ? button(action.label, action.run) : null,
  );
}
