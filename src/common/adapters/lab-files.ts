import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A lab's own files (setup scripts and manifests), read while an environment is prepared. */
export abstract class LabFiles {
  /** `file` is relative to the lab's directory, as lab.yaml names it. */
  abstract read(lab: { dir: string }, file: string): Promise<string>;
}

export class DiskLabFiles extends LabFiles {
  read(lab: { dir: string }, file: string): Promise<string> {
    return readFile(path.join(lab.dir, file), 'utf8');
  }
}
