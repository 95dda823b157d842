import fs from 'node:fs';
import path from 'node:path';

/**
 * A file of the upstream reference data in ../shared/truth (next to the repository, also in
 * CI), or in KUBELAB_TRUTH_DIR. Missing data is an error, never a silently empty test table.
 */
export function truthPath(...parts: string[]): string {
  const dir = process.env.KUBELAB_TRUTH_DIR ?? path.resolve('../shared/truth');
  if (!fs.existsSync(dir)) {
    throw new Error(
      `Reference data not found at ${dir}: check out ../shared next to the repository or set KUBELAB_TRUTH_DIR`,
    );
  }
  return path.join(dir, ...parts);
}
