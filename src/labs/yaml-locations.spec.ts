import { LineCounter, parseDocument } from 'yaml';
import { YamlLocations } from './yaml-locations.js';

function locate(source: string): YamlLocations {
  const lines = new LineCounter();
  return new YamlLocations(parseDocument(source, { lineCounter: lines }), lines);
}

const SOURCE = [
  '# Kommentar',
  'title: Netze',
  'steps:',
  '  - id: eins',
  '    checks:',
  '      - kind: answer',
  '        type: number',
  '  - id: zwei',
  '    hints: [a, { text: b, when: { check: x } }]',
  '',
].join('\n');

describe(YamlLocations.name, () => {
  const locations = locate(SOURCE);

  it.each<[(string | number)[], number]>([
    [['title'], 2],
    [['steps'], 4],
    [['steps', 0, 'checks', 0, 'type'], 7],
    [['steps', 1, 'id'], 8],
    [['steps', 1, 'hints', 1, 'when', 'check'], 9],
  ])('finds %j on line %i', (fieldPath, line) => {
    expect(locations.lineOf(fieldPath)).toBe(line);
  });

  it('reports a missing field at the nearest parent that exists', () => {
    expect(locations.lineOf(['steps', 0, 'checks', 0, 'prompt'])).toBe(6);
    expect(locations.lineOf(['steps', 5, 'id'])).toBe(4);
  });

  it('reports a missing top-level field at the start of the document body', () => {
    expect(locations.lineOf(['summary'])).toBe(2);
    expect(locations.lineOf([])).toBe(2);
  });

  it('accepts symbol keys without throwing', () => {
    expect(locations.lineOf([Symbol('x')])).toBe(2);
  });

  it('has no line for an empty document', () => {
    expect(locate('').lineOf(['title'])).toBeUndefined();
  });
});
