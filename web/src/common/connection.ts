/**
 * Whether the server answers. A failed request shows a banner and polls `/healthz` until the
 * server is back; then the banner goes and every page part that asked is told to reload.
 */
const POLL_MS = 2000;

type Listener = () => void;

class Connection {
  private offline = false;
  private timer?: number;
  private readonly listeners = new Set<Listener>();

  /** `listener` runs each time the connection comes back. */
  onRestored(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get isOffline(): boolean {
    return this.offline;
  }

  lost(): void {
    if (this.offline) return;
    this.offline = true;
    banner().hidden = false;
    this.timer = window.setInterval(() => void this.probe(), POLL_MS);
  }

  ok(): void {
    if (!this.offline) return;
    this.offline = false;
    window.clearInterval(this.timer);
    banner().hidden = true;
    for (const listener of this.listeners) listener();
  }

  private async probe(): Promise<void> {
    try {
      const response = await fetch('/healthz', { cache: 'no-store' });
      if (response.ok) this.ok();
    } catch {
      // still offline; the next tick tries again
    }
  }
}

function banner(): HTMLElement {
  let node = document.getElementById('connection-banner');
  if (!node) {
    node = document.createElement('div');
    node.id = 'connection-banner';
    node.className = 'banner banner-warn';
    node.setAttribute('role', 'status');
    node.textContent = 'Verbindung zum Server verloren – wird wiederhergestellt …';
    node.hidden = true;
    document.body.prepend(node);
  }
  return node;
}

export const connection = new Connection();
window.addEventListener(
  'online',
  () =>
    void fetch('/healthz').then(
      () => connection.ok(),
      () => undefined,
    ),
);
