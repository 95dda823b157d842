import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../../test/support/temp-dir.js';
import { loadLab } from '../lab-loader.js';
import type { Lab } from '../lab.types.js';
import { hasPlaceholder, looksGerman } from './german-text.js';
import { imagesInScript, imagesOf, isPinned } from './image-refs.js';
import { heredocs, lintLab } from './lab-lint.js';
import { learnerTextProblem } from './learner-text.js';

const SAMPLE = path.resolve('test/fixtures/labs-kind/01-erste-schritte-im-cluster');

describe(isPinned.name, () => {
  it.each([
    ['registry.k8s.io/e2e-test-images/agnhost:2.53', true],
    ['nginx:1.27', true],
    ['localhost:5000/web:1', true],
    [`busybox@sha256:${'a'.repeat(64)}`, true],
    ['nginx', false],
    ['nginx:latest', false],
    ['localhost:5000/web', false],
    ['', false],
  ])('%s → %s', (image, pinned) => expect(isPinned(image)).toBe(pinned));
});

describe(imagesOf.name, () => {
  it('finds containers and init containers of pods and of pod templates', () => {
    const spec = { containers: [{ image: 'a:1' }], initContainers: [{ image: 'b' }] };
    expect(imagesOf({ kind: 'Pod', spec })).toEqual(['a:1', 'b']);
    expect(imagesOf({ kind: 'Deployment', spec: { template: { spec } } })).toEqual(['a:1', 'b']);
    expect(imagesOf({ kind: 'Service', spec: {} })).toEqual([]);
  });

  it('reads --image from kubectl command lines', () => {
    expect(
      imagesInScript('kubectl run a --image=nginx\nkubectl create deploy b --image "x:2"'),
    ).toEqual(['nginx', 'x:2']);
  });
});

describe(heredocs.name, () => {
  it('returns the bodies of quoted and unquoted heredocs', () => {
    const script = "kubectl apply -f - <<'EOF'\nkind: Pod\nEOF\ncat <<-END\nx\nEND\n";
    expect(heredocs(script)).toEqual(['kind: Pod', 'x']);
  });
});

describe(looksGerman.name, () => {
  it('tells German prose from English prose and from too little text', () => {
    const german =
      'Jeder Pod bekommt eine eigene IP-Adresse. Du siehst sie mit dem Befehl unten, und wenn du den Pod löschst, bekommt der neue Pod eine andere Adresse aus dem Netz des Knotens.';
    const english =
      'Every pod gets its own IP address. You can see it with the command below, and when you delete the pod, the new pod gets another address from the network of its node.';
    expect(looksGerman(german)).toBe(true);
    expect(looksGerman(english)).toBe(false);
    expect(looksGerman('Der Pod.')).toBe(false);
  });

  it('does not count code as prose', () => {
    expect(looksGerman('```bash\n' + 'kubectl get pods -o wide\n'.repeat(20) + '```')).toBe(false);
  });

  it('spots placeholders', () => {
    expect(hasPlaceholder('Hier fehlt noch was: TODO')).toBe(true);
    expect(hasPlaceholder('Alles fertig.')).toBe(false);
  });
});

describe(lintLab.name, () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let counter = 0;

  /** A copy of the sample kind lab with `edit` applied to its files, loaded. */
  function sample(edit: (dir: string) => void = () => undefined): Lab {
    const dir = path.join(tmp.dir, `lab-${++counter}`);
    fs.cpSync(SAMPLE, dir, { recursive: true });
    edit(dir);
    const loaded = loadLab(dir);
    if (!('lab' in loaded)) throw new Error(JSON.stringify(loaded.problems));
    return loaded.lab;
  }
  const replaceIn = (dir: string, file: string, from: string | RegExp, to: string) => {
    const target = path.join(dir, file);
    const text = fs.readFileSync(target, 'utf8');
    const next = text.replace(from, to);
    if (next === text) throw new Error(`${String(from)} not found in ${file}`);
    fs.writeFileSync(target, next);
  };

  it('finds nothing in the sample lab', () => {
    expect(lintLab(sample())).toEqual([]);
  });

  it('demands a state check and a trace check in every step of a kind lab', () => {
    const lab = sample((dir) =>
      replaceIn(
        dir,
        'lab.yaml',
        / {6}- kind: transcript\n {8}title: Du hast dir die Knoten angesehen\n {8}command: .*\n {8}exitCode: 0\n/,
        '',
      ),
    );
    expect(lintLab(lab)).toEqual([
      {
        file: 'lab.yaml',
        path: ['steps', 0, 'checks'],
        message: expect.stringContaining('was wirklich passiert'),
      },
    ]);
  });

  it('demands two plain hints', () => {
    const lab = sample((dir) =>
      replaceIn(
        dir,
        'lab.yaml',
        '      - Der Befehl `kubectl get nodes` listet alle Knoten auf.\n',
        '',
      ),
    );
    expect(lintLab(lab)).toEqual([
      {
        file: 'lab.yaml',
        path: ['steps', 0, 'hints'],
        message: expect.stringContaining('2 Tipps'),
      },
    ]);
  });

  it('refuses an unpinned image in the setup and in a solution script', () => {
    const lab = sample((dir) => {
      replaceIn(dir, 'setup/01-namespace.yaml', 'agnhost:2.53', 'agnhost');
      replaceIn(dir, 'solutions/02-erster-pod.sh', 'nginx:1.27', 'nginx:latest');
    });
    expect(lintLab(lab).map((f) => [f.file, f.message])).toEqual([
      ['solutions/02-erster-pod.sh', expect.stringContaining('„nginx:latest“')],
      [
        'setup/01-namespace.yaml',
        expect.stringContaining('„registry.k8s.io/e2e-test-images/agnhost“'),
      ],
    ]);
  });

  it('checks what a step breaks when it begins like the lab’s setup', () => {
    const lab = sample((dir) => {
      fs.writeFileSync(
        path.join(dir, 'setup/02-kaputt.yaml'),
        'apiVersion: v1\nkind: Pod\nmetadata: {name: kaputt}\nspec:\n  containers: [{name: k, image: nginx}]\n',
      );
      replaceIn(
        dir,
        'lab.yaml',
        'solution: solutions/02-erster-pod.sh',
        'solution: solutions/02-erster-pod.sh\n    setup: [setup/02-kaputt.yaml]',
      );
    });
    expect(lintLab(lab).map((f) => [f.file, f.message])).toEqual([
      ['setup/02-kaputt.yaml', expect.stringContaining('Image „nginx“')],
    ]);
  });

  it('checks manifests inside solution heredocs and solution manifests', () => {
    const lab = sample((dir) => {
      fs.writeFileSync(
        path.join(dir, 'solutions/02-erster-pod.sh'),
        "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web, image: nginx}]\nEOF\n",
      );
      fs.writeFileSync(path.join(dir, 'solutions/01-knoten.yaml'), 'apiVersion: v1\nkind: Pod\n');
      replaceIn(
        dir,
        'lab.yaml',
        'solution: solutions/01-knoten.sh',
        'solution: [solutions/01-knoten.yaml, solutions/01-knoten.sh]',
      );
    });
    expect(lintLab(lab).map((f) => [f.file, f.message])).toEqual([
      ['solutions/01-knoten.yaml', 'Dokument 1: braucht apiVersion, kind und metadata.name'],
      ['solutions/02-erster-pod.sh', expect.stringContaining('Heredoc 1 (Pod web): Image „nginx“')],
    ]);
  });

  it('refuses English or placeholder step text', () => {
    const lab = sample((dir) =>
      fs.writeFileSync(
        path.join(dir, 'steps/01-knoten.md'),
        '# Nodes\n\nYour cluster has several nodes. Look at them with the command below and answer the questions that follow in the form. TODO\n',
      ),
    );
    expect(lintLab(lab).map((f) => [f.file, f.message])).toEqual([
      ['steps/01-knoten.md', expect.stringContaining('deutschen Text')],
      ['steps/01-knoten.md', expect.stringContaining('Platzhalter')],
    ]);
  });

  it('demands an answer or transcript check in an observe step', () => {
    const lab = sample((dir) => {
      replaceIn(
        dir,
        'lab.yaml',
        'solution: solutions/02-erster-pod.sh',
        'solution: solutions/02-erster-pod.sh\n    observe: true',
      );
      replaceIn(dir, 'lab.yaml', / {6}- id: pod-ip\n(.*\n){6}/, '');
    });
    expect(lintLab(lab)).toEqual([
      {
        file: 'lab.yaml',
        path: ['steps', 1, 'observe'],
        message: expect.stringContaining('braucht eine answer- oder transcript-Prüfung'),
      },
    ]);
  });

  it('refuses learner text that shows internals, with the field it is in', () => {
    const lab = sample((dir) => {
      replaceIn(
        dir,
        'lab.yaml',
        '        type: number\n',
        "        type: number\n        messages: { fail: 'Gesucht: {.items[*].metadata.name}, gefunden {seen}' }\n",
      );
      replaceIn(
        dir,
        'lab.yaml',
        'title: Du hast dir die Knoten angesehen',
        'title: Du hast einen Befehl passend zu ^kubectl get .* ausgeführt',
      );
      replaceIn(
        dir,
        'lab.yaml',
        '      - Der Befehl `kubectl get nodes` listet alle Knoten auf.\n',
        '      - Der Befehl `kubectl get nodes` listet alle Knoten auf.\n      - \'Die Prüfung führt sh -c aus und sucht "Ready".\'\n',
      );
    });
    expect(lintLab(lab).map((f) => [f.path.join('.'), f.message])).toEqual([
      ['steps.0.checks.0.messages.fail', expect.stringContaining('nur den Platzhalter {observed}')],
      ['steps.0.checks.2.title', 'Text für Lernende enthält einen regulären Ausdruck'],
      ['steps.0.hints.1', 'Text für Lernende enthält ein Skript (sh -c)'],
    ]);
  });

  it('accepts {observed} in a message and internals inside `code`', () => {
    const lab = sample((dir) => {
      replaceIn(
        dir,
        'lab.yaml',
        '        type: number\n',
        '        type: number\n        messages: { fail: \'Du hast {observed} geschrieben. `kubectl get nodes -o jsonpath="{.items[*].metadata.name}"` zählt mit.\' }\n',
      );
    });
    expect(lintLab(lab)).toEqual([]);
  });

  it('needs no state check in a container lab', () => {
    const loaded = loadLab(path.resolve('labs/00-linux-netzwerk'));
    expect('lab' in loaded && lintLab(loaded.lab)).toEqual([]);
  });
});

describe(learnerTextProblem.name, () => {
  it.each([
    ['[0].addr_info[?(@.family=="inet")].local ist 10.244.1.30', 'JSONPath'],
    ['Wert aus {.status.podIP}', 'JSONPath'],
    ['sh -c ip netns exec pod1 ping', 'sh -c'],
    ['Ausgabe passend zu src=192\\.168\\.100\\.2', 'regulären Ausdruck'],
    ['Befehl passend zu ^ip( -[a-z0-9]+)* addr', 'regulären Ausdruck'],
    ['Ausgabe passend zu 1\\s*$', 'regulären Ausdruck'],
    ['gesehen: {"node":"kl-x"}', 'JSON'],
    ['Die Adresse "10.244.1.3" fehlt', 'Anführungszeichen'],
  ])('finds internals in %j', (text, what) => {
    expect(learnerTextProblem(text)).toContain(what);
  });

  it.each([
    'eth0 in pod2 hat die Adresse 10.244.1.30 – erwartet ist 10.244.1.3.',
    'Prüfe mit `ip -n pod1 route` und `sh -c "echo 1"`, ob die Route fehlt.',
    'Wie viele Knoten (Control-Plane und Worker) hat dein Cluster?',
    'Die Pods erreichen sich noch nicht. Hängen beide veth-Enden an cni0?',
  ])('lets %j pass', (text) => {
    expect(learnerTextProblem(text)).toBeUndefined();
  });
});
