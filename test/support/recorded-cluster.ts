import { FakeKube } from './fake-kube.js';

/** The grading tests' recorded cluster as a learner finds it (test/fixtures/cluster-state). */
export const untouched = () => FakeKube.of('kind-base', 'lab-untouched');

/** The same cluster after the reference solution: lab-solved on top. */
export const solved = () => FakeKube.of('kind-base', 'lab-untouched', 'lab-solved');
