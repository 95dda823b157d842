import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../../test/support/temp-dir.js';
import { runLabsCheck } from '../../lab-tools/labs-check.command.js';
import { loadLab } from '../lab-loader.js';
import type { Lab } from '../lab.types.js';
import { lintLab } from './lab-lint.js';
import { knotenCalls, lintModes, refusal } from './mode-rules.js';

const MODES_LAB = path.resolve('test/fixtures/labs-modes/01-knoten-ansehen');

describe(lintModes.name, () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let copies = 0;

  /** A copy of the fixture lab with `edit(relative path, text)` applied to its files. */
  function editedLab(edits: Record<string, (text: string) => string>): Lab {
    const dir = path.join(tmp.dir, `${++copies}`, path.basename(MODES_LAB));
    fs.cpSync(MODES_LAB, dir, { recursive: true });
    for (const [file, edit] of Object.entries(edits)) {
      const at = path.join(dir, file);
      fs.writeFileSync(at, edit(fs.readFileSync(at, 'utf8')));
    }
    const loaded = loadLab(dir);
    if (!('lab' in loaded)) throw new Error(JSON.stringify(loaded.problems));
    return loaded.lab;
  }

  it('passes the fixture lab in both modes, and labs:check lists it as ok', () => {
    expect(lintModes(editedLab({}))).toEqual([]);
    const lines: string[] = [];
    expect(runLabsCheck(path.dirname(MODES_LAB), (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/^ok {4}01-knoten-ansehen/);
  });

  it('refuses a node command outside the allow-list in a shared block of a step text', () => {
    const lab = editedLab({
      'steps/01-routen.md': (t) =>
        t.replace('knoten control-plane ip route', 'knoten control-plane ip route add 1.2.3.0/24'),
    });
    expect(lintModes(lab)).toEqual([
      {
        file: 'steps/01-routen.md',
        path: [],
        message: expect.stringMatching(
          /^„knoten control-plane ip route add 1\.2\.3\.0\/24“ lässt knoten im Modus shared nicht zu: ip route add/,
        ) as string,
      },
    ]);
  });

  it('refuses such a command in a solution script and in a hint of shared mode', () => {
    const lab = editedLab({
      'solutions/01-routen.sh': (t) => t.replace('ip route', 'iptables -t nat -L'),
      'lab.yaml': (t) =>
        t.replace(
          '`knoten control-plane ip route` in',
          '`knoten control-plane cat /etc/shadow` in',
        ),
    });
    expect(lintModes(lab).map((f) => [f.file, f.path.join('.')])).toEqual([
      ['lab.yaml', 'steps.0.hints.2'],
      ['solutions/01-routen.sh', ''],
    ]);
  });

  it('refuses a node check of shared mode whose command or `see` knoten would not run', () => {
    const lab = editedLab({
      'lab.yaml': (t) =>
        t
          .replace('command: [ip, -j, route]', 'command: [sh, -c, "ip route | wc -l"]')
          .replace('see: ip route', 'see: route -n'),
    });
    expect(lintModes(lab).map((f) => f.path.join('.'))).toEqual([
      'steps.0.checks.2.command',
      'steps.0.checks.2.see',
    ]);
  });

  it('leaves node commands alone in a lab that claims local mode only', () => {
    const lab = editedLab({
      'lab.yaml': (t) => t.replace('modes: [local, shared]', 'modes: [local]'),
      'solutions/01-routen.sh': (t) => t.replace('ip route', 'iptables -t nat -L'),
    });
    expect(lintModes(lab).filter((f) => f.message.includes('lässt knoten'))).toEqual([]);
  });

  it('names `modes` on a check, hint or setup file and a block that the lab does not claim', () => {
    const lab = editedLab({
      'lab.yaml': (t) => t.replace('modes: [local, shared]', 'modes: [local]'),
    });
    expect(lintModes(lab).map((f) => `${f.file} ${f.path.join('.')}`)).toEqual([
      'steps/01-routen.md ',
      'lab.yaml steps.0.hints.2.modes',
      'steps/02-host-pod.md ',
      'lab.yaml steps.1.setup.0.modes',
    ]);
  });

  it('holds each mode to the check rules on its own checks', () => {
    const lab = editedLab({
      'lab.yaml': (t) =>
        t.replace(
          "        command: '^kubectl\\b.*\\sget\\s+pods?\\b'",
          "        command: '^kubectl\\b.*\\sget\\s+pods?\\b'\n        modes: [local]",
        ),
    });
    expect(lintLab(lab).map((f) => `${f.path.join('.')}: ${f.message}`)).toEqual([
      'steps.1.checks: braucht mindestens zwei Prüfungen im Modus shared',
      expect.stringMatching(
        /^steps\.1\.checks: braucht eine Prüfung, die nachsieht, .* im Modus shared$/,
      ),
    ]);
    expect(lintLab(editedLab({}))).toEqual([]);
  });

  it('finds unclosed blocks, with the line, through labs:check', () => {
    const lab = editedLab({ 'steps/01-routen.md': (t) => t.replace(/:::\n\nWelche/, '\nWelche') });
    expect(lintModes(lab)).toEqual([
      {
        file: 'steps/01-routen.md',
        path: [],
        message: 'Zeile 14: der Block „::: shared“ wird nie mit „:::“ geschlossen',
      },
    ]);
  });
});

describe(knotenCalls.name, () => {
  it('reads the words of knoten up to a pipe, a redirection or the end of a command', () => {
    expect(
      knotenCalls([
        'knoten worker iptables-save -t nat | grep KUBE-SVC',
        '$ knoten control-plane ip route 2>/dev/null',
        'NODE=x && knoten "$NODE" conntrack -L -d "$IP"; echo fertig',
        'kubectl get nodes',
      ]),
    ).toEqual([
      ['worker', 'iptables-save', '-t', 'nat'],
      ['control-plane', 'ip', 'route'],
      ['$NODE', 'conntrack', '-L', '-d', '$IP'],
    ]);
  });
});

describe(refusal.name, () => {
  it('accepts placeholders and variables where some value would pass', () => {
    expect(
      refusal(['<Knoten-von-client>', 'conntrack', '-L', '-d', '<ClusterIP>']),
    ).toBeUndefined();
    expect(refusal(['$NODE', 'conntrack', '-L', '-d', '$CLUSTER_IP'])).toBeUndefined();
  });

  it('reads a placeholder for the command itself as how knoten is called', () => {
    expect(refusal(['<Knoten>', '<Befehl>'])).toBeUndefined();
  });

  it('refuses what no value could make pass', () => {
    expect(refusal(['worker', 'conntrack', '-D', '-d', '<ClusterIP>'])).toMatch(
      /conntrack nur mit -L/,
    );
  });
});
