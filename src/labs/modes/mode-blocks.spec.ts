import { markdownInMode, modeBlockProblems } from './mode-blocks.js';

const TEXT = [
  '# Routen',
  'Für alle.',
  '::: local',
  'Im Reiter des Knotens: `ip route`',
  ':::',
  '::: shared',
  '`knoten worker ip route`',
  ':::',
  'Wieder für alle.',
].join('\n');

describe(markdownInMode.name, () => {
  it('keeps the text of the mode and of no mode, without the switch lines', () => {
    expect(markdownInMode(TEXT, 'shared')).toBe(
      ['# Routen', 'Für alle.', '`knoten worker ip route`', 'Wieder für alle.'].join('\n'),
    );
    expect(markdownInMode(TEXT, 'local')).toBe(
      ['# Routen', 'Für alle.', 'Im Reiter des Knotens: `ip route`', 'Wieder für alle.'].join('\n'),
    );
  });

  it('leaves text without switches as it is', () => {
    expect(markdownInMode('# Titel\n\nText\n', 'shared')).toBe('# Titel\n\nText\n');
  });

  it('reads `:::` inside fenced code as code', () => {
    const code = ['::: shared', '```', ':::', '```', 'nur im Kurs', ':::', 'alle'].join('\n');
    expect(markdownInMode(code, 'shared')).toBe(
      ['```', ':::', '```', 'nur im Kurs', 'alle'].join('\n'),
    );
    expect(markdownInMode(code, 'local')).toBe('alle');
  });
});

describe(modeBlockProblems.name, () => {
  it('finds nothing wrong with closed blocks of claimed modes', () => {
    expect(modeBlockProblems(TEXT, ['local', 'shared'])).toEqual([]);
  });

  it('names an unknown mode', () => {
    expect(modeBlockProblems('::: kurs\nText\n:::', ['local', 'shared'])).toEqual([
      { line: 1, message: expect.stringContaining('unbekannter Modus') as string },
    ]);
  });

  it('names a block of a mode the lab does not claim', () => {
    expect(modeBlockProblems(TEXT, ['local'])).toEqual([
      {
        line: 6,
        message: expect.stringContaining('gibt diesen Modus in modes nicht an') as string,
      },
    ]);
  });

  it('names an unclosed block at the line that opened it', () => {
    expect(modeBlockProblems('Text\n::: shared\nnur im Kurs', ['local', 'shared'])).toEqual([
      { line: 2, message: expect.stringContaining('nie mit „:::“ geschlossen') as string },
    ]);
  });

  it('refuses nested blocks and a close without an open block', () => {
    const nested = ['::: local', '::: shared', ':::', ':::'].join('\n');
    expect(modeBlockProblems(nested, ['local', 'shared'])).toEqual([
      { line: 2, message: expect.stringContaining('nicht schachteln') as string },
      { line: 4, message: '„:::“ schließt keinen offenen Block' },
    ]);
  });
});
