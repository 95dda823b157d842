import fs from 'node:fs';
import path from 'node:path';
import { tempDirPerTest } from '../../../test/support/temp-dir.js';
import { probeInotify } from './host-limits.probe.js';

describe(probeInotify.name, () => {
  const tmp = tempDirPerTest();

  function limits(values: { max_user_watches?: string; max_user_instances?: string }): void {
    for (const [key, value] of Object.entries(values)) {
      fs.writeFileSync(path.join(tmp.dir, key), value);
    }
  }

  it('is ok when both limits are high enough', () => {
    limits({ max_user_watches: '524288\n', max_user_instances: '8192\n' });

    expect(probeInotify(tmp.dir)).toEqual([
      {
        id: 'inotify-max_user_watches',
        label: 'fs.inotify.max_user_watches ≥ 524288',
        required: false,
        ok: true,
        found: '524288',
      },
      {
        id: 'inotify-max_user_instances',
        label: 'fs.inotify.max_user_instances ≥ 512',
        required: false,
        ok: true,
        found: '8192',
      },
    ]);
  });

  it('warns about a limit that is too low, with the sysctl to raise it', () => {
    limits({ max_user_watches: '8192\n', max_user_instances: '512\n' });

    const [watches, instances] = probeInotify(tmp.dir);

    expect(watches).toMatchObject({
      ok: false,
      required: false,
      found: '8192',
      problemDe:
        'fs.inotify.max_user_watches ist 8192; mehrere kind-Cluster auf diesem Rechner starten dann nicht.',
      fixDe:
        'sysctl -w fs.inotify.max_user_watches=524288 (dauerhaft in /etc/sysctl.d/99-kubelab.conf)',
    });
    expect(watches.problem).toContain('is 8192');
    expect(instances).toMatchObject({ ok: true, found: '512' });
    expect(instances).not.toHaveProperty('problem');
  });

  it('warns about limits it cannot read, without printing "undefined"', () => {
    limits({ max_user_instances: 'viele' });

    const items = probeInotify(tmp.dir);

    expect(items).toEqual([
      expect.objectContaining({ ok: false, required: false, found: 'unreadable' }),
      expect.objectContaining({ ok: false, required: false, found: 'viele' }),
    ]);
    expect(JSON.stringify(items)).not.toContain('undefined');
    expect(items[0].problemDe).toBe(
      'fs.inotify.max_user_watches ist nicht lesbar; mehrere kind-Cluster auf diesem Rechner starten dann nicht.',
    );
  });

  it('warns about both limits when the folder does not exist', () => {
    const items = probeInotify(path.join(tmp.dir, 'fehlt'));

    expect(items.map((i) => [i.id, i.ok, i.found])).toEqual([
      ['inotify-max_user_watches', false, 'unreadable'],
      ['inotify-max_user_instances', false, 'unreadable'],
    ]);
  });
});
