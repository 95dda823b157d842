import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../../test/support/temp-dir.js';
import { runLabsCheck } from './labs-check.command.js';

describe(runLabsCheck.name, () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  function copyOfShippedLabs(name: string): string {
    const dir = path.join(tmp.dir, name);
    fs.cpSync(path.resolve('labs'), dir, { recursive: true });
    return dir;
  }

  it('passes on the labs kubelab ships', () => {
    const lines: string[] = [];
    expect(runLabsCheck(path.resolve('labs'), (l) => lines.push(l))).toBe(0);
    expect(lines).toContain('ok    01-erste-schritte-im-cluster  (2 steps, 6 checks)');
  });

  it('fails on a broken copy of the sample lab and names file, line, field and reason', () => {
    const dir = copyOfShippedLabs('broken');
    const labYaml = path.join(dir, '01-erste-schritte-im-cluster', 'lab.yaml');
    fs.writeFileSync(
      labYaml,
      fs.readFileSync(labYaml, 'utf8').replace('level: einsteiger', 'level: profi'),
    );
    const lines: string[] = [];
    expect(runLabsCheck(dir, (l) => lines.push(l))).toBe(1);
    const lineNo = fs.readFileSync(labYaml, 'utf8').split('\n').indexOf('level: profi') + 1;
    const error = lines.find((l) => l.startsWith('error'));
    expect(error).toContain(`01-erste-schritte-im-cluster/lab.yaml:${lineNo}`);
    expect(error).toContain('level:');
    const shipped = fs.readdirSync(dir).length;
    expect(lines.at(-1)).toContain(`${shipped - 1} lab(s) valid, 1 lab(s) with errors`);
  });
});
