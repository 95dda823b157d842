import { OutputRing } from './output-ring.js';

const text = (ring: OutputRing, seq: number) => {
  const { from, bytes } = ring.since(seq);
  return { from, text: bytes.toString('latin1') };
};

describe(OutputRing.name, () => {
  it('returns exactly the bytes after a sequence number', () => {
    const ring = new OutputRing(100);
    ring.append(Buffer.from('hallo '));
    ring.append(Buffer.from('welt'));
    expect(ring.end).toBe(10);
    expect(text(ring, 0)).toEqual({ from: 0, text: 'hallo welt' });
    expect(text(ring, 3)).toEqual({ from: 3, text: 'lo welt' });
    expect(text(ring, 6)).toEqual({ from: 6, text: 'welt' });
    expect(text(ring, 10)).toEqual({ from: 10, text: '' });
  });

  it('keeps only the newest bytes and says where what it has starts', () => {
    const ring = new OutputRing(8);
    ring.append(Buffer.from('abcdef'));
    ring.append(Buffer.from('ghijkl'));
    expect(ring.start).toBe(4);
    expect(text(ring, 0)).toEqual({ from: 4, text: 'efghijkl' });
    expect(text(ring, 7)).toEqual({ from: 7, text: 'hijkl' });
  });

  it('holds a single chunk larger than its capacity only in part', () => {
    const ring = new OutputRing(4);
    ring.append(Buffer.from('0123456789'));
    expect(text(ring, 0)).toEqual({ from: 6, text: '6789' });
  });

  it('stays within its capacity over many writes', () => {
    const ring = new OutputRing(1000);
    let expected = '';
    for (let i = 0; i < 5000; i++) {
      const piece = String(i % 10).repeat((i % 7) + 1);
      ring.append(Buffer.from(piece));
      expected += piece;
    }
    const { from, bytes } = ring.since(0);
    expect(bytes.length).toBe(1000);
    expect(from).toBe(expected.length - 1000);
    expect(bytes.toString('latin1')).toBe(expected.slice(-1000));
  });

  it('answers a sequence number beyond the end with nothing', () => {
    const ring = new OutputRing(10);
    ring.append(Buffer.from('abc'));
    expect(text(ring, 99)).toEqual({ from: 3, text: '' });
  });
});
