import fs from 'node:fs';
import path from 'node:path';
import { tempDirPerTest } from '../../../test/support/temp-dir.js';
import { kindMissingDe, parseKindVersion, probeKind, versionAtLeast } from './kind.probe.js';

describe(parseKindVersion.name, () => {
  it.each<[string, [number, number, number]]>([
    ['kind v0.27.0 go1.23.4 linux/amd64', [0, 27, 0]],
    ['kind v0.24.1-alpha+abc go1.22 darwin/arm64\n', [0, 24, 1]],
    ['kind v1.0.12 go1.24 linux/arm64', [1, 0, 12]],
  ])('reads %j', (output, version) => {
    expect(parseKindVersion(output)).toEqual(version);
  });

  it.each(['', 'kind version unknown', 'kind 0.27.0', 'kind v0.27'])(
    'finds no version in %j',
    (output) => {
      expect(parseKindVersion(output)).toBeUndefined();
    },
  );
});

describe(versionAtLeast.name, () => {
  it.each<[[number, number, number], boolean]>([
    [[0, 24, 0], true],
    [[0, 24, 1], true],
    [[0, 25, 0], true],
    [[1, 0, 0], true],
    [[0, 23, 9], false],
    [[0, 3, 30], false],
  ])('compares %j with v0.24.0: %s', (version, atLeast) => {
    expect(versionAtLeast(version, [0, 24, 0])).toBe(atLeast);
  });
});

describe(probeKind.name, () => {
  const tmp = tempDirPerTest();

  /** A fake `kind` executable running `body` as a shell script. */
  function fakeKind(body: string): string {
    const file = path.join(tmp.dir, 'kind');
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  }

  it('accepts a kind that enforces NetworkPolicy', async () => {
    const kind = fakeKind('echo "kind v0.27.0 go1.23.4 linux/amd64"');

    await expect(probeKind(kind)).resolves.toEqual([
      { id: 'kind', label: 'kind CLI', required: true, ok: true, found: 'v0.27.0' },
      {
        id: 'kind-network-policy',
        label: 'kindnet with NetworkPolicy support (kind ≥ v0.24)',
        required: false,
        ok: true,
        found: 'v0.27.0',
      },
    ]);
  });

  it('passes "version" as the only argument', async () => {
    const kind = fakeKind('[ "$*" = version ] || exit 2\necho "kind v0.24.0 go1.22 linux/amd64"');

    const [item] = await probeKind(kind);

    expect(item).toMatchObject({ ok: true, found: 'v0.24.0' });
  });

  it('accepts an old kind but warns that NetworkPolicy is not enforced', async () => {
    const kind = fakeKind('echo "kind v0.23.0 go1.22 linux/amd64"');

    const [cli, networkPolicy] = await probeKind(kind);

    expect(cli).toMatchObject({ id: 'kind', ok: true, required: true, found: 'v0.23.0' });
    expect(networkPolicy).toMatchObject({
      id: 'kind-network-policy',
      ok: false,
      required: false,
      found: 'v0.23.0',
      problemDe:
        'kind v0.23.0 setzt NetworkPolicies nicht durch; NetworkPolicy-Übungen werden abgelehnt.',
      fixDe: 'kind auf Version 0.24.0 oder neuer aktualisieren.',
    });
    expect(networkPolicy.problem).toContain('v0.23.0');
  });

  it('reports a missing binary as a required item that is not ok, in German', async () => {
    const missing = path.join(tmp.dir, 'gibt-es-nicht');

    const items = await probeKind(missing);

    expect(items).toEqual([
      expect.objectContaining({
        id: 'kind',
        required: true,
        ok: false,
        problem: `kind (${missing}) is not usable: not found`,
        problemDe: `Das Programm kind (${missing}) ist nicht vorhanden oder nicht ausführbar.`,
        fixDe: expect.stringContaining('KUBELAB_KIND_BIN'),
      }),
    ]);
  });

  it('names the program once when it is plain "kind" from PATH, else with its path', () => {
    expect(kindMissingDe('kind')).toBe(
      'Das Programm kind ist nicht vorhanden oder nicht ausführbar.',
    );
    expect(kindMissingDe('/opt/kind/bin/kind')).toBe(
      'Das Programm kind (/opt/kind/bin/kind) ist nicht vorhanden oder nicht ausführbar.',
    );
  });

  it('reports a kind that exits with an error, with its error output', async () => {
    const kind = fakeKind('echo "kind v0.27.0 go1.23.4 linux/amd64"\necho "kaputt" >&2\nexit 1');

    const items = await probeKind(kind);

    expect(items).toEqual([
      expect.objectContaining({
        id: 'kind',
        required: true,
        ok: false,
        problem: `kind (${kind}) is not usable: kaputt`,
        problemDe: `Das Programm kind (${kind}) ist nicht vorhanden oder nicht ausführbar.`,
      }),
    ]);
  });

  it('reports a kind whose output has no version', async () => {
    const kind = fakeKind('echo "kind (devel)"');

    const items = await probeKind(kind);

    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'kind', ok: false, required: true });
  });

  it('reports a file that is not executable', async () => {
    const kind = fakeKind('echo "kind v0.27.0 go1.23.4 linux/amd64"');
    fs.chmodSync(kind, 0o644);

    const items = await probeKind(kind);

    expect(items).toEqual([expect.objectContaining({ id: 'kind', ok: false })]);
  });
});
