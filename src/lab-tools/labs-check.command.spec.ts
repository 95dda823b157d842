import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../test/support/temp-dir.js';
import { runLabsCheck } from './labs-check.command.js';

describe(runLabsCheck.name, () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  function copyOfLabs(name: string): string {
    const dir = path.join(tmp.dir, name);
    fs.cpSync(path.resolve('labs'), dir, { recursive: true });
    fs.cpSync(path.resolve('test/fixtures/labs-kind'), dir, { recursive: true });
    return dir;
  }

  it('passes on the labs kubelab ships, each one listed as ok', () => {
    const lines: string[] = [];
    expect(runLabsCheck(path.resolve('labs'), (l) => lines.push(l))).toBe(0);
    const shipped = fs.readdirSync(path.resolve('labs')).sort();
    expect(lines.filter((l) => l.startsWith('ok')).map((l) => l.split(/\s+/)[1])).toEqual(shipped);
    expect(lines.at(-1)).toContain(`${shipped.length} lab(s) valid, 0 lab(s) with errors`);
  });

  it('fails on an authoring rule with file and reason, and keeps counting the others', () => {
    const dir = copyOfLabs('lint');
    const setup = path.join(dir, '01-erste-schritte-im-cluster', 'setup', '01-namespace.yaml');
    fs.writeFileSync(
      setup,
      fs.readFileSync(setup, 'utf8').replace('agnhost:2.53', 'agnhost:latest'),
    );
    const lines: string[] = [];
    expect(runLabsCheck(dir, (l) => lines.push(l))).toBe(1);
    expect(lines.filter((l) => l.startsWith('error'))).toEqual([
      expect.stringMatching(
        /^error 01-erste-schritte-im-cluster {2}\S*setup\/01-namespace\.yaml {2}Dokument 2 \(Pod probe\): Image „registry\.k8s\.io\/e2e-test-images\/agnhost:latest“ braucht eine feste Version/,
      ),
    ]);
    const total = fs.readdirSync(dir).length;
    expect(lines.at(-1)).toContain(`${total - 1} lab(s) valid, 1 lab(s) with errors`);
  });

  it('refuses a lab pattern RE2 cannot run, with file, line, field and reason', () => {
    const dir = copyOfLabs('lookahead');
    const labYaml = path.join(dir, '00-linux-netzwerk', 'lab.yaml');
    const text = fs.readFileSync(labYaml, 'utf8');
    const lineNo = text.split('\n').findIndex((l) => l.includes('(n|ne|nei|neigh|')) + 1;
    fs.writeFileSync(labYaml, text.replace("command: '^(ip( -(n|", "command: '^(?=ip)(ip( -(n|"));
    const lines: string[] = [];

    expect(runLabsCheck(dir, (l) => lines.push(l))).toBe(1);
    expect(lines.filter((l) => l.startsWith('error'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^error 00-linux-netzwerk {2}\\S*00-linux-netzwerk/lab\\.yaml:${lineNo} {2}steps\\.6\\.checks\\.1\\.command: nutzt Lookahead oder Lookbehind`,
        ),
      ),
    ]);
  });

  it('fails on a broken copy of the sample lab and names file, line, field and reason', () => {
    const dir = copyOfLabs('broken');
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
