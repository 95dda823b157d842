import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../test/support/temp-dir.js';
import { hashDirectory, loadLab, loadLabs } from './lab-loader.js';
import type { Lab, LabProblem } from './lab.types.js';

/** The real sample lab; every test works on a copy of it. */
const SAMPLE_LAB = fileURLToPath(
  new URL('../../test/fixtures/labs-kind/01-erste-schritte-im-cluster', import.meta.url),
);
const SAMPLE_ID = '01-erste-schritte-im-cluster';

describe(loadLabs.name, () => {
  let labsDir: string;
  let cleanup: () => void;

  beforeEach(() => {
    ({ dir: labsDir, cleanup } = tempDir());
  });
  afterEach(() => cleanup());

  function copySample(id = SAMPLE_ID): string {
    const dir = path.join(labsDir, id);
    fs.cpSync(SAMPLE_LAB, dir, { recursive: true });
    return dir;
  }

  /**
   * Replaces the one occurrence of `search` in the copy's lab.yaml and returns the 1-based line it
   * was on, so expectations follow the sample instead of hard-coding its line numbers.
   */
  function editLabYaml(dir: string, search: string, replacement: string): number {
    const file = path.join(dir, 'lab.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf(search);
    if (at < 0 || text.indexOf(search, at + 1) >= 0) {
      throw new Error(`"${search}" must occur exactly once in ${file}`);
    }
    fs.writeFileSync(file, text.slice(0, at) + replacement + text.slice(at + search.length));
    return text.slice(0, at).split('\n').length;
  }

  function loadBroken(dir: string): LabProblem[] {
    const result = loadLabs(labsDir);
    expect(result.labs.map((lab) => lab.id)).not.toContain(path.basename(dir));
    return result.problems;
  }

  describe('a valid lab', () => {
    let dir: string;
    let lab: Lab;

    beforeEach(() => {
      dir = copySample();
      const result = loadLabs(labsDir);
      expect(result.problems).toEqual([]);
      expect(result.labs).toHaveLength(1);
      lab = result.labs[0];
    });

    it('takes its id from the folder name and keeps its directory', () => {
      expect(lab.id).toBe(SAMPLE_ID);
      expect(lab.dir).toBe(dir);
      expect(lab.title).toBe('Erste Schritte im eigenen Cluster');
    });

    it('applies the lab defaults', () => {
      expect(lab.cluster).toMatchObject({ workers: 2, kubeProxyMode: 'iptables' });
      expect(lab.autoCheck).toBe(false);
    });

    it('loads each step with its Markdown rendered to HTML and its solution script', () => {
      expect(lab.steps.map((s) => s.id)).toEqual(['knoten', 'erster-pod']);
      const [first] = lab.steps;
      const markdown = fs.readFileSync(path.join(dir, 'steps/01-knoten.md'), 'utf8');
      expect(first.markdown).toBe(markdown);
      expect(first.html).toContain('<h1>Die Knoten deines Clusters</h1>');
      expect(first.html).toContain('<strong>Knoten</strong>');
      expect(first.solutions).toEqual([
        {
          file: 'solutions/01-knoten.sh',
          type: 'script',
          text: fs.readFileSync(path.join(dir, 'solutions/01-knoten.sh'), 'utf8'),
        },
      ]);
    });

    it('gives checks without an id one made of kind and 1-based position', () => {
      expect(lab.steps.map((s) => s.checks.map((c) => c.id))).toEqual([
        ['anzahl-knoten', 'podcidr-worker', 'transcript-3'],
        ['resource-1', 'pod-ip', 'connectivity-3'],
      ]);
    });

    it('records the hash of its directory', () => {
      expect(lab.contentHash).toBe(hashDirectory(dir));
    });
  });

  it('orders labs by folder name', () => {
    copySample('10-zehn');
    copySample('02-zwei');
    copySample('02-eins');

    const result = loadLabs(labsDir);

    expect(result.labs.map((lab) => lab.id)).toEqual(['02-eins', '02-zwei', '10-zehn']);
  });

  it('reports a broken lab with file, field path and line and still loads the others', () => {
    copySample('01-gut');
    const broken = copySample('02-kaputt');
    const line = editLabYaml(broken, 'type: number', 'type: zahl');

    const result = loadLabs(labsDir);

    expect(result.labs.map((lab) => lab.id)).toEqual(['01-gut']);
    expect(result.problems).toEqual([
      {
        labId: '02-kaputt',
        file: path.join(broken, 'lab.yaml'),
        path: 'steps.0.checks.0.type',
        line,
        message: expect.any(String),
      },
    ]);
    expect(path.isAbsolute(result.problems[0].file)).toBe(true);
  });

  it('reports a missing field at the line of the mapping that lacks it', () => {
    const dir = copySample();
    const file = path.join(dir, 'lab.yaml');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const start = lines.findIndex((l) => l.startsWith('summary:'));
    const end = lines.findIndex((l, i) => i > start && !l.startsWith(' '));
    fs.writeFileSync(file, [...lines.slice(0, start), ...lines.slice(end)].join('\n'));
    const rootLine = lines.findIndex((l) => l.startsWith('title:')) + 1;

    expect(loadBroken(dir)).toEqual([
      expect.objectContaining({ path: 'summary', line: rootLine, message: expect.any(String) }),
    ]);
  });

  it('reports an unknown check kind', () => {
    const dir = copySample();
    const line = editLabYaml(dir, 'kind: transcript', 'kind: ping');

    expect(loadBroken(dir)).toEqual([
      expect.objectContaining({ labId: SAMPLE_ID, path: 'steps.0.checks.2.kind', line }),
    ]);
  });

  it('reports referenced Markdown and solution files that do not exist', () => {
    const dir = copySample();
    const contentLine = editLabYaml(
      dir,
      'content: steps/02-erster-pod.md',
      'content: steps/02-fehlt.md',
    );
    const solutionLine = editLabYaml(
      dir,
      'solution: solutions/01-knoten.sh',
      'solution: solutions/01-fehlt.sh',
    );

    expect(loadBroken(dir)).toEqual([
      {
        labId: SAMPLE_ID,
        file: path.join(dir, 'lab.yaml'),
        path: 'steps.0.solution',
        line: solutionLine,
        message: 'Datei nicht gefunden: solutions/01-fehlt.sh',
      },
      {
        labId: SAMPLE_ID,
        file: path.join(dir, 'lab.yaml'),
        path: 'steps.1.content',
        line: contentLine,
        message: 'Datei nicht gefunden: steps/02-fehlt.md',
      },
    ]);
  });

  it('takes a list of solution files, manifests and scripts, in order', () => {
    const dir = copySample();
    fs.writeFileSync(path.join(dir, 'solutions/01-pod.yaml'), 'apiVersion: v1\nkind: Pod\n');
    editLabYaml(
      dir,
      'solution: solutions/01-knoten.sh',
      'solution: [solutions/01-pod.yaml, solutions/01-knoten.sh]\n    observe: true',
    );
    const [lab] = loadLabs(labsDir).labs;
    const [step] = lab?.steps ?? [];
    expect(step?.observe).toBe(true);
    expect(step?.solutions.map(({ file, type }) => ({ file, type }))).toEqual([
      { file: 'solutions/01-pod.yaml', type: 'manifest' },
      { file: 'solutions/01-knoten.sh', type: 'script' },
    ]);
    expect(lab?.steps[1]?.observe).toBe(false);
  });

  it('loads what a later step breaks when it begins (setup), manifests and scripts in order', () => {
    const dir = copySample();
    fs.writeFileSync(path.join(dir, 'setup/02-kaputt.yaml'), 'apiVersion: v1\nkind: Pod\n');
    fs.writeFileSync(path.join(dir, 'setup/02-kaputt.sh'), 'kubectl get pods\n');
    editLabYaml(
      dir,
      'solution: solutions/02-erster-pod.sh',
      'solution: solutions/02-erster-pod.sh\n    setup: [setup/02-kaputt.yaml, setup/02-kaputt.sh]',
    );
    const [lab] = loadLabs(labsDir).labs;
    expect(lab?.steps[0]?.setupFiles).toEqual([]);
    expect(lab?.steps[1]?.setupFiles).toEqual([
      { file: 'setup/02-kaputt.yaml', type: 'manifest', text: 'apiVersion: v1\nkind: Pod\n' },
      { file: 'setup/02-kaputt.sh', type: 'script', text: 'kubectl get pods\n' },
    ]);
  });

  it('refuses a setup on the first step: it begins with the lab, whose setup holds it', () => {
    const dir = copySample();
    const line = editLabYaml(
      dir,
      'solution: solutions/01-knoten.sh',
      'solution: solutions/01-knoten.sh\n    setup: [setup/01-namespace.yaml]',
    );
    expect(loadBroken(dir)).toEqual([
      expect.objectContaining({
        path: 'steps.0.setup',
        line: line + 1,
        message: expect.stringContaining('gehört ins setup der Übung'),
      }),
    ]);
  });

  it('reports a missing file in a solution list at its position', () => {
    const dir = copySample();
    const line = editLabYaml(
      dir,
      'solution: solutions/01-knoten.sh',
      'solution: [solutions/01-knoten.sh, solutions/01-fehlt.yaml]',
    );
    expect(loadBroken(dir)).toEqual([
      expect.objectContaining({
        path: 'steps.0.solution.1',
        line,
        message: 'Datei nicht gefunden: solutions/01-fehlt.yaml',
      }),
    ]);
  });

  it('refuses a manifest as the solution of a container lab', () => {
    const dir = path.join(labsDir, '01-netz');
    fs.cpSync(path.resolve('test/fixtures/container-labs/01-netz'), dir, { recursive: true });
    const text = fs.readFileSync(path.join(dir, 'lab.yaml'), 'utf8');
    const solution = /solution: (\S+)/.exec(text)?.[1] ?? '';
    const manifest = solution.replace(/\.sh$/, '.yaml');
    fs.writeFileSync(path.join(dir, manifest), 'kind: Pod\n');
    fs.writeFileSync(path.join(dir, 'lab.yaml'), text.replace(solution, manifest));
    expect(loadBroken(dir)).toEqual([
      expect.objectContaining({
        path: 'steps.0.solution.0',
        message: 'muss in einer container-Umgebung ein Skript (.sh) sein',
      }),
    ]);
  });

  it('reports a setup file that is a folder, not a file', () => {
    const dir = copySample();
    fs.rmSync(path.join(dir, 'setup/01-namespace.yaml'));
    fs.mkdirSync(path.join(dir, 'setup/01-namespace.yaml'));

    expect(loadBroken(dir)).toEqual([
      expect.objectContaining({
        path: 'setup.0',
        message: 'Datei nicht gefunden: setup/01-namespace.yaml',
      }),
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    const dir = copySample();
    const line = editLabYaml(dir, 'level: einsteiger', 'level: "einsteiger');

    const problems = loadBroken(dir);

    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ labId: SAMPLE_ID, path: '', line });
    expect(problems[0].message).toMatch(/^YAML-Fehler: /);
  });

  it('reports a duplicate step id at the second step', () => {
    const dir = copySample();
    const line = editLabYaml(dir, 'id: erster-pod', 'id: knoten');

    expect(loadBroken(dir)).toEqual([
      expect.objectContaining({
        path: 'steps.1.id',
        line,
        message: 'Schritt-ID "knoten" ist doppelt',
      }),
    ]);
  });

  it('reports a duplicate check id, including an assigned one', () => {
    const dir = copySample();
    const line = editLabYaml(dir, 'id: pod-ip', 'id: resource-1');

    expect(loadBroken(dir)).toEqual([
      expect.objectContaining({ path: 'steps.1.checks.1.id', line }),
    ]);
  });

  it('reports a hint whose condition names a check that does not exist', () => {
    const dir = copySample();
    const line = editLabYaml(dir, 'check: anzahl-knoten', 'check: gibt-es-nicht');

    const problems = loadBroken(dir);

    expect(problems).toEqual([
      expect.objectContaining({ path: 'steps.0.hints.2.when.check', line }),
    ]);
    expect(problems[0].message).toContain('"gibt-es-nicht"');
  });

  it('reports an invalid regular expression in a transcript check', () => {
    const dir = copySample();
    const line = editLabYaml(
      dir,
      String.raw`command: '^kubectl get (nodes|node|no)\b'`,
      "command: '^kubectl get (nodes'",
    );

    expect(loadBroken(dir)).toEqual([
      expect.objectContaining({
        path: 'steps.0.checks.2.command',
        line,
        message:
          'ist kein gültiger regulärer Ausdruck (RE2: missing closing ): „^kubectl get (nodes“)',
      }),
    ]);
  });

  it.each([
    [String.raw`(a)\1`, 'nutzt einen Rückverweis wie „\\1“; RE2 kennt keine Rückverweise'],
    [
      '^kubectl(?=.*nodes)',
      'nutzt Lookahead oder Lookbehind („(?=“, „(?!“, „(?<=“, „(?<!“); RE2 kennt beides nicht',
    ],
  ])('refuses the pattern %s, which RE2 cannot run, where it stands', (pattern, message) => {
    const dir = copySample();
    const line = editLabYaml(
      dir,
      String.raw`command: '^kubectl get (nodes|node|no)\b'`,
      `command: '${pattern}'`,
    );

    expect(loadBroken(dir)).toEqual([
      expect.objectContaining({ path: 'steps.0.checks.2.command', line, message }),
    ]);
  });

  it.each(['../x.md', 'steps/../../x.md', '/etc/x.md'])(
    'refuses the path %s that leaves the lab',
    (escaping) => {
      const dir = copySample();
      const line = editLabYaml(dir, 'content: steps/01-knoten.md', `content: ${escaping}`);

      expect(loadBroken(dir)).toEqual([
        expect.objectContaining({
          path: 'steps.0.content',
          line,
          message: 'muss ein relativer Pfad innerhalb der Übung sein',
        }),
      ]);
    },
  );

  it('ignores folders starting with "." or "_" and plain files', () => {
    copySample();
    copySample('.versteckt');
    copySample('_entwurf');
    fs.writeFileSync(path.join(labsDir, 'README.md'), '# Übungen\n');

    const result = loadLabs(labsDir);

    expect(result.labs.map((lab) => lab.id)).toEqual([SAMPLE_ID]);
    expect(result.problems).toEqual([]);
  });

  it('reports a folder name with upper case letters', () => {
    const dir = copySample('01-Netze');

    expect(loadBroken(dir)).toEqual([
      {
        labId: '01-Netze',
        file: path.join(dir, 'lab.yaml'),
        path: '',
        message: 'Der Ordnername darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten',
      },
    ]);
  });

  it('reports a folder without lab.yaml', () => {
    fs.mkdirSync(path.join(labsDir, '01-leer'));

    expect(loadLabs(labsDir).problems).toEqual([
      expect.objectContaining({ labId: '01-leer', message: 'lab.yaml fehlt' }),
    ]);
  });

  it('reports a labs folder that does not exist', () => {
    const missing = path.join(labsDir, 'gibt-es-nicht');

    expect(loadLabs(missing)).toEqual({
      labs: [],
      problems: [expect.objectContaining({ file: missing })],
    });
  });
});

describe(loadLab.name, () => {
  let cleanup: () => void;
  let dir: string;

  beforeEach(() => {
    let parent: string;
    ({ dir: parent, cleanup } = tempDir());
    dir = path.join(parent, SAMPLE_ID);
    fs.cpSync(SAMPLE_LAB, dir, { recursive: true });
  });
  afterEach(() => cleanup());

  it('loads one lab folder', () => {
    const loaded = loadLab(dir);

    expect('lab' in loaded && loaded.lab.id).toBe(SAMPLE_ID);
  });

  it('returns problems instead of throwing', () => {
    fs.writeFileSync(path.join(dir, 'lab.yaml'), 'title: [\n');

    const loaded = loadLab(dir);

    expect('problems' in loaded && loaded.problems.length).toBeGreaterThan(0);
  });
});

describe(hashDirectory.name, () => {
  let root: string;
  let cleanup: () => void;
  let dir: string;

  beforeEach(() => {
    ({ dir: root, cleanup } = tempDir());
    dir = path.join(root, 'lab');
    fs.cpSync(SAMPLE_LAB, dir, { recursive: true });
  });
  afterEach(() => cleanup());

  it('is stable while nothing changes, wherever the folder lies', () => {
    const elsewhere = path.join(root, 'kopie');
    fs.cpSync(dir, elsewhere, { recursive: true });

    expect(hashDirectory(dir)).toBe(hashDirectory(dir));
    expect(hashDirectory(elsewhere)).toBe(hashDirectory(dir));
    expect(hashDirectory(dir)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, (dir: string) => void]>([
    ['lab.yaml is edited', (d) => fs.appendFileSync(path.join(d, 'lab.yaml'), '# neu\n')],
    [
      'a nested step file is edited',
      (d) => fs.appendFileSync(path.join(d, 'steps/02-erster-pod.md'), '.'),
    ],
    ['a file is added', (d) => fs.writeFileSync(path.join(d, 'setup/02-extra.yaml'), '')],
    ['a file is removed', (d) => fs.rmSync(path.join(d, 'solutions/02-erster-pod.sh'))],
    [
      'a file is renamed',
      (d) => fs.renameSync(path.join(d, 'steps/01-knoten.md'), path.join(d, 'steps/01-nodes.md')),
    ],
  ])('changes when %s', (_, change) => {
    const before = hashDirectory(dir);

    change(dir);

    expect(hashDirectory(dir)).not.toBe(before);
  });
});
