import { isToolboxFilePath } from './kind-toolbox-access.js';

describe(isToolboxFilePath.name, () => {
  it.each([
    '/home/lernender/.kube/config',
    '/home/lernender/notiz.txt',
    '/run/kubelab/knoten-url',
    '/run/kubelab/knoten-token',
  ])('accepts %s', (path) => {
    expect(isToolboxFilePath(path)).toBe(true);
  });

  it.each([
    ['outside', '/etc/passwd'],
    ['the image', '/usr/local/bin/kubectl'],
    ['the directory itself', '/home/lernender'],
    ['a directory path', '/home/lernender/.kube/'],
    ['a sibling with the same prefix', '/home/lernender2/x'],
    ['dot-dot', '/home/lernender/../../etc/shadow'],
    ['dot', '/run/kubelab/./x'],
    ['an empty part', '/run/kubelab//x'],
    ['relative', 'home/lernender/x'],
    ['shell characters', '/home/lernender/$(id)'],
    ['a space', '/home/lernender/a b'],
    ['a newline', '/home/lernender/a\nb'],
    ['empty', ''],
  ])('refuses %s', (_what, path) => {
    expect(isToolboxFilePath(path)).toBe(false);
  });
});
