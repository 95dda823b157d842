import { EventEmitter } from 'node:events';
import { InputPump, OutputFlowController, type Pausable } from './flow-control.js';

class FakeSource implements Pausable {
  calls: string[] = [];
  pause() {
    this.calls.push('pause');
  }
  resume() {
    this.calls.push('resume');
  }
}

describe(OutputFlowController.name, () => {
  let source: FakeSource;
  let flow: OutputFlowController;

  beforeEach(() => {
    source = new FakeSource();
    flow = new OutputFlowController(source, { highWatermark: 100, lowWatermark: 20 });
  });

  it('pauses the source once unacknowledged output passes the high watermark', () => {
    flow.produced(60);
    flow.produced(40);
    expect(source.calls).toEqual([]);
    flow.produced(1);
    expect(source.calls).toEqual(['pause']);
    expect(flow.isPaused).toBe(true);
    flow.produced(50);
    expect(source.calls).toEqual(['pause']);
    expect(flow.stats()).toEqual({ peakUnacked: 151, pauses: 1, resumes: 0 });
  });

  it('resumes only when acks bring it down to the low watermark', () => {
    flow.produced(150);
    flow.ack(100);
    expect(flow.unacked).toBe(50);
    expect(source.calls).toEqual(['pause']);
    flow.ack(130);
    expect(source.calls).toEqual(['pause', 'resume']);
    expect(flow.isPaused).toBe(false);
    expect(flow.stats()).toMatchObject({ pauses: 1, resumes: 1 });
  });

  it('ignores stale acks and acks beyond what was produced', () => {
    flow.produced(150);
    flow.ack(140);
    flow.ack(10);
    expect(flow.unacked).toBe(10);
    flow.ack(10_000);
    expect(flow.unacked).toBe(10);
  });

  it('restarts the count at the offset a reattaching client replays from', () => {
    flow.produced(90);
    flow.ack(80);
    flow.restartAt(0);
    expect(flow.unacked).toBe(90);
    flow.produced(20);
    expect(source.calls).toEqual(['pause']);
    flow.restartAt(100);
    expect(flow.unacked).toBe(10);
    expect(source.calls).toEqual(['pause', 'resume']);
    flow.restartAt(5_000);
    expect(flow.unacked).toBe(0);
  });

  it('stays bounded when nobody acknowledges: paused after the high watermark', () => {
    for (let i = 0; i < 1000; i++) if (!flow.isPaused) flow.produced(7);
    expect(flow.unacked).toBeLessThanOrEqual(100 + 7);
    expect(flow.stats().pauses).toBe(1);
  });

  it('refuses watermarks in the wrong order', () => {
    expect(() => new OutputFlowController(source, { highWatermark: 10, lowWatermark: 10 })).toThrow(
      'lowWatermark must be below highWatermark',
    );
  });
});

describe(InputPump.name, () => {
  class FakeSink extends EventEmitter {
    written: Buffer[] = [];
    full = false;
    write(chunk: Buffer): boolean {
      this.written.push(chunk);
      return !this.full;
    }
  }

  it('writes through while the shell keeps up', () => {
    const sink = new FakeSink();
    const client = new FakeSource();
    const pump = new InputPump(sink, client);
    pump.write(Buffer.from('ls\r'));
    expect(sink.written.map(String)).toEqual(['ls\r']);
    expect(client.calls).toEqual([]);
  });

  it('stops reading from the client until the shell drains', () => {
    const sink = new FakeSink();
    const client = new FakeSource();
    const pump = new InputPump(sink, client);
    sink.full = true;
    pump.write(Buffer.from('a'));
    pump.write(Buffer.from('b'));
    expect(client.calls).toEqual(['pause']);
    expect(pump.isWaiting).toBe(true);
    sink.full = false;
    sink.emit('drain');
    expect(client.calls).toEqual(['pause', 'resume']);
    expect(pump.isWaiting).toBe(false);
    expect(sink.listenerCount('drain')).toBe(0);
  });
});
