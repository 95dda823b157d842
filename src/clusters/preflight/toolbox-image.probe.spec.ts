import { toolboxImageItem } from './toolbox-image.probe.js';

describe(toolboxImageItem.name, () => {
  it('is met by an image with kubectl', () => {
    expect(toolboxImageItem('kubelab/toolbox:1', 'present')).toMatchObject({
      id: 'toolbox-image',
      required: true,
      ok: true,
    });
  });

  it.each([
    ['missing', /nicht auf der Docker-Engine|fehlt auf der Docker-Engine/],
    ['without-kubectl', /ohne kubectl gebaut/],
  ] as const)('is a required blocker when %s, with a build line to fix it', (state, german) => {
    const item = toolboxImageItem('kubelab/toolbox:1', state);
    expect(item).toMatchObject({ id: 'toolbox-image', required: true, ok: false });
    expect(item.problemDe).toMatch(german);
    for (const fix of [item.fixEn, item.fixDe])
      expect(fix).toContain(
        'KUBELAB_KIND_NODE_IMAGE=<node image> scripts/images/build-toolbox-image.sh kubelab/toolbox:1',
      );
  });
});
