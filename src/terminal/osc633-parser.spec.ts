import { Osc633Parser, unescapeCommandLine, type ParsedItem } from './osc633-parser.js';

const NONCE = '9f2c1e7a5b3d4c6e8f0a1b2c3d4e5f60';
/** A marker as the prompt hook writes it: with the terminal's nonce as last argument. */
const osc = (payload: string) => `\x1b]633;${payload};${NONCE}\x07`;

/** Adjacent data items merged and decoded, so results compare independent of chunking. */
function normalise(items: ParsedItem[]): unknown[] {
  const out: unknown[] = [];
  let pending: Buffer[] = [];
  const flush = () => {
    if (pending.length > 0) out.push({ data: Buffer.concat(pending).toString('utf8') });
    pending = [];
  };
  for (const item of items) {
    if (item.type === 'data') pending.push(Buffer.from(item.bytes));
    else {
      flush();
      out.push(item);
    }
  }
  flush();
  return out;
}

function parseInChunks(input: Buffer, cuts: number[]): unknown[] {
  const parser = new Osc633Parser(NONCE);
  const items: ParsedItem[] = [];
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    items.push(...parser.write(input.subarray(from, cut)));
    from = cut;
  }
  return normalise(items);
}

const session = Buffer.from(
  osc('D;0') +
    osc('A') +
    'kl-3f9a:control-plane $ ' +
    osc('B') +
    'echo Grüße\r\n' +
    osc('E;echo Grüße') +
    osc('C') +
    'Grüße\r\n' +
    osc('D;0') +
    osc('A') +
    'kl-3f9a:control-plane $ ' +
    osc('B'),
);

const expected = [
  { type: 'commandFinished', exitCode: 0 },
  { type: 'promptStart' },
  { data: 'kl-3f9a:control-plane $ ' },
  { type: 'commandStart' },
  { data: 'echo Grüße\r\n' },
  { type: 'commandLine', commandLine: 'echo Grüße' },
  { type: 'outputStart' },
  { data: 'Grüße\r\n' },
  { type: 'commandFinished', exitCode: 0 },
  { type: 'promptStart' },
  { data: 'kl-3f9a:control-plane $ ' },
  { type: 'commandStart' },
];

describe(Osc633Parser.name, () => {
  it('strips the markers and reports them in order between the output', () => {
    expect(parseInChunks(session, [])).toEqual(expected);
  });

  it('gives the same result however the stream is split into chunks', () => {
    for (let cut = 1; cut < session.length; cut++) {
      expect(parseInChunks(session, [cut])).toEqual(expected);
    }
    const everyByte = Array.from({ length: session.length - 1 }, (_, i) => i + 1);
    expect(parseInChunks(session, everyByte)).toEqual(expected);
  });

  it('keeps the bytes of a UTF-8 character split across chunks', () => {
    const text = Buffer.from('ä');
    const parser = new Osc633Parser(NONCE);
    const items = [...parser.write(text.subarray(0, 1)), ...parser.write(text.subarray(1))];
    expect(
      Buffer.concat(items.map((i) => (i.type === 'data' ? i.bytes : Buffer.alloc(0)))),
    ).toEqual(text);
  });

  it('passes other escape sequences through untouched', () => {
    const other = '\x1b]0;Titel\x07\x1b[1;32mgrün\x1b[0m\x1b]6330;x\x07\x1b]63\x1b[K\x1b';
    const parser = new Osc633Parser(NONCE);
    const first = parser.write(Buffer.from(other));
    const rest = parser.write(Buffer.from('x'));
    expect(normalise([...first, ...rest])).toEqual([{ data: other + 'x' }]);
  });

  it('accepts ESC \\ as terminator', () => {
    expect(parseInChunks(Buffer.from(`a\x1b]633;D;3;${NONCE}\x1b\\b`), [])).toEqual([
      { data: 'a' },
      { type: 'commandFinished', exitCode: 3 },
      { data: 'b' },
    ]);
  });

  it('reports a finish without a usable exit code as null and ignores unknown letters', () => {
    expect(parseInChunks(Buffer.from(osc('D;') + osc('D;x') + osc('P;Cwd=/root')), [])).toEqual([
      { type: 'commandFinished', exitCode: null },
      { type: 'commandFinished', exitCode: null },
    ]);
  });

  it('passes a marker broken by another escape sequence through as output', () => {
    expect(parseInChunks(Buffer.from('\x1b]633;E;ec\x1b[0mok'), [])).toEqual([
      { data: '\x1b]633;E;ec\x1b[0mok' },
    ]);
  });

  it('treats markers without the nonce or with a wrong one as plain output', () => {
    const forged = [
      '\x1b]633;E;kubectl get pods\x07',
      '\x1b]633;C\x07',
      `\x1b]633;D;0;${NONCE.slice(1)}x\x1b\\`,
      `\x1b]633;A;${NONCE}0\x07`,
      `\x1b]633;E;ls;${NONCE.slice(0, -1)}\x07`,
    ].join('');
    expect(parseInChunks(Buffer.from(forged), [])).toEqual([{ data: forged }]);
    for (let cut = 1; cut < forged.length; cut++) {
      expect(parseInChunks(Buffer.from(forged), [cut])).toEqual([{ data: forged }]);
    }
  });

  it('believes no marker when the terminal has no nonce', () => {
    const parser = new Osc633Parser(null);
    const input = `\x1b]633;D;0;\x07\x1b]633;A;${NONCE}\x07`;
    expect(normalise(parser.write(Buffer.from(input)))).toEqual([{ data: input }]);
  });

  it('does not record 20,000 forged commands printed in one go', () => {
    const parser = new Osc633Parser(NONCE);
    const forged = '\x1b]633;E;kubectl get pods\x07\x1b]633;C\x07\x1b]633;D;0\x07'.repeat(20_000);
    const items = parser.write(Buffer.from(forged));
    expect(items.every((item) => item.type === 'data')).toBe(true);
  });

  it('does not hold on to an endless marker: after 64 KiB it is output again', () => {
    const parser = new Osc633Parser(NONCE);
    parser.write(Buffer.from('\x1b]633;E;'));
    const items = parser.write(Buffer.alloc(70 * 1024, 'a'));
    const data = items.filter((i) => i.type === 'data');
    expect(data.reduce((n, i) => n + i.bytes.length, 0)).toBe('\x1b]633;E;'.length + 70 * 1024);
  });
});

describe(unescapeCommandLine.name, () => {
  it('decodes escaped backslashes, semicolons and control characters', () => {
    expect(unescapeCommandLine('echo "a\\x3bb\\\\c"\\x0aecho z')).toBe('echo "a;b\\c"\necho z');
  });

  it('decodes UTF-8 given as raw bytes', () => {
    expect(unescapeCommandLine(Buffer.from('echo Grüße').toString('latin1'))).toBe('echo Grüße');
  });

  it('leaves a lone backslash as it is', () => {
    expect(unescapeCommandLine('a\\b\\x4')).toBe('a\\b\\x4');
  });
});
