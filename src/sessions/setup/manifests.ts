import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../kube/kube-reader.js';
import type { Lab } from '../../labs/lab.types.js';

/** The objects of a lab's setup manifests, in file order and document order. */
export function setupObjects(lab: Lab): KubeObject[] {
  return lab.setup.flatMap((file) =>
    manifestObjects(fs.readFileSync(path.join(lab.dir, file), 'utf8')),
  );
}

/** The objects of one multi-document YAML text; empty documents are left out. */
export function manifestObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null && typeof object === 'object');
}
