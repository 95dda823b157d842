import { button, el } from '../common/dom.js';
import { openTerminal, type TerminalView } from '../terminal/terminal-view.js';

interface Hooks {
  announce: (message: string) => void;
  /** The server closed a terminal because the session ended: the page reads the session again. */
  sessionEnded: () => void;
}

interface Tab {
  node: string;
  tab: HTMLButtonElement;
  pane: HTMLElement;
  view?: TerminalView;
}

/**
 * The right side of the lab page: one tab per node, each with its own terminal, opened when the
 * tab is first shown and kept (with its shell) while the learner switches tabs.
 */
export class TerminalPanel {
  readonly element = el('section', {
    class: 'terminal-panel',
    attrs: { 'aria-label': 'Terminal' },
  });
  private readonly tabs: Tab[];
  private readonly tabList = el('div', {
    class: 'tabs',
    attrs: { role: 'tablist', 'aria-label': 'Knoten' },
  });
  private readonly placeholder = el('p', {
    class: 'terminal-placeholder',
    text: 'Das Terminal öffnet sich, sobald deine Umgebung bereit ist.',
  });
  private active = 0;
  private ready = false;

  constructor(
    private readonly sessionId: string,
    nodes: string[],
    private readonly hooks: Hooks,
  ) {
    this.tabs = (nodes.length ? nodes : ['control-plane']).map((node, index) => {
      const id = `terminal-${node}`;
      const tab = button(node, () => this.select(index), {
        class: 'tab',
        attrs: { role: 'tab', id: `${id}-tab`, 'aria-controls': id, 'data-node': node },
      });
      const pane = el('div', {
        class: 'terminal-pane',
        attrs: { role: 'tabpanel', id, 'aria-labelledby': `${id}-tab` },
      });
      return { node, tab, pane };
    });
    this.tabList.addEventListener('keydown', (event) => this.onKey(event));
    this.tabList.append(...this.tabs.map((t) => t.tab));
    if (this.tabs.length > 1) this.element.append(this.tabList);
    this.element.append(this.placeholder, ...this.tabs.map((t) => t.pane));
    window.addEventListener('resize', () => this.fit());
    this.select(0, false);
  }

  /** Opens the terminals when the environment is ready; shows the placeholder before. */
  setReady(ready: boolean): void {
    if (ready === this.ready) return;
    this.ready = ready;
    this.placeholder.hidden = ready;
    if (ready) this.select(this.active, false);
    else this.closeAll();
  }

  /** Pastes into the visible terminal; false when there is none yet. */
  paste(text: string): boolean {
    const view = this.tabs[this.active]?.view;
    if (!this.ready || !view) return false;
    view.paste(text);
    view.focus();
    return true;
  }

  fit(): void {
    this.tabs[this.active]?.view?.fit();
  }

  dispose(): void {
    this.closeAll();
  }

  private select(index: number, focus = true): void {
    this.active = index;
    this.tabs.forEach((t, i) => {
      const selected = i === index;
      t.tab.setAttribute('aria-selected', String(selected));
      t.tab.tabIndex = selected ? 0 : -1;
      t.pane.hidden = !selected || !this.ready;
    });
    const current = this.tabs[index];
    if (!this.ready) return;
    // The first tab has no explicit target: the server picks the default (control-plane, or the toolbox).
    current.view ??= openTerminal(current.pane, {
      sessionId: this.sessionId,
      node: index === 0 ? undefined : current.node,
      onSessionEnded: () => this.hooks.sessionEnded(),
    });
    current.view.fit();
    if (focus) current.view.focus();
  }

  private onKey(event: KeyboardEvent): void {
    const last = this.tabs.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? this.active === last
          ? 0
          : this.active + 1
        : event.key === 'ArrowLeft'
          ? this.active === 0
            ? last
            : this.active - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.select(next);
    this.tabs[next].tab.focus();
  }

  private closeAll(): void {
    for (const t of this.tabs) {
      t.view?.dispose();
      t.view = undefined;
      t.pane.replaceChildren();
      t.pane.hidden = true;
    }
  }
}
