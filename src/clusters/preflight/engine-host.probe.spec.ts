import { engineHostItems, notCheckedItems, parseEngineHost } from './engine-host.probe.js';

/** As the kind node image v1.37.2 (coreutils) printed it on this machine. */
const NODE_IMAGE_OUTPUT = `524288\r
512\r
Filesystem     1024-blocks     Used Available Capacity Mounted on\r
overlay          264212084 49942908  45558356      53% /\r
`;

describe(parseEngineHost.name, () => {
  it('reads both limits and the free space from the probe’s output', () => {
    expect(parseEngineHost(NODE_IMAGE_OUTPUT)).toEqual({
      inotify: { max_user_watches: '524288', max_user_instances: '512' },
      freeBytes: 45558356 * 1024,
    });
  });

  it('leaves out what the host did not print', () => {
    expect(parseEngineHost('cat: can’t open …: No such file\n8192\n')).toEqual({
      inotify: { max_user_watches: undefined, max_user_instances: '8192' },
      freeBytes: undefined,
    });
  });
});

describe(engineHostItems.name, () => {
  it('says which engine’s host the limits and the disk belong to', () => {
    const items = engineHostItems('b', NODE_IMAGE_OUTPUT);
    expect(items.map((i) => [i.id, i.label, i.ok, i.found])).toEqual([
      [
        'inotify-max_user_watches',
        'fs.inotify.max_user_watches ≥ 524288 on the host of engine b',
        true,
        '524288',
      ],
      [
        'inotify-max_user_instances',
        'fs.inotify.max_user_instances ≥ 512 on the host of engine b',
        true,
        '512',
      ],
      ['disk', 'free disk ≥ 10 GiB', true, '43.4 GiB free for Docker on engine b'],
    ]);
  });

  it('warns about a low limit there, with the sysctl for that host', () => {
    const [watches] = engineHostItems('b', NODE_IMAGE_OUTPUT.replace('524288', '8192'));
    expect(watches).toMatchObject({
      ok: false,
      required: false,
      found: '8192',
      problem:
        'fs.inotify.max_user_watches is 8192; several kind clusters on the host of engine b will fail to start',
      fixDe:
        'sysctl -w fs.inotify.max_user_watches=524288 (dauerhaft in /etc/sysctl.d/99-kubelab.conf) auf dem Rechner der Docker-Engine b',
    });
  });

  it('says "not checked" for a disk it could not read, never a pass', () => {
    const disk = engineHostItems('b', '524288\n512\n')[2];
    expect(disk).toMatchObject({
      id: 'disk',
      ok: false,
      found: 'not checked: df printed nothing usable',
    });
  });
});

describe(notCheckedItems.name, () => {
  it('gives warnings that name the engine and the reason', () => {
    const items = notCheckedItems('b', 'node image kindest/node:v1.37.0 is not on the engine');
    expect(items.map((i) => [i.id, i.ok, i.required, i.found])).toEqual([
      [
        'inotify-limits',
        false,
        false,
        'not checked: node image kindest/node:v1.37.0 is not on the engine',
      ],
      ['disk', false, false, 'not checked: node image kindest/node:v1.37.0 is not on the engine'],
    ]);
    expect(items[0].problem).toContain("engine b's host");
  });
});
