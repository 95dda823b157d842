import http from 'node:http';

/** A stand-in Docker engine on a unix socket that answers `GET /_ping` while `answering`. */
export class PingingEngine {
  answering = true;
  private readonly server = http.createServer((req, res) => {
    if (!this.answering) {
      res.destroy();
      return;
    }
    res.writeHead(req.url?.endsWith('/_ping') ? 200 : 404, { 'Content-Type': 'text/plain' });
    res.end('OK');
  });

  constructor(readonly socket: string) {}

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.socket, resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
