import { parseAllDocuments } from 'yaml';
import { ClusterStateError } from './cluster-state.js';

/**
 * Reads `kubectl get … -o json` output or YAML manifests (several documents separated by `---`)
 * into plain objects. JSON takes the fast path; YAML 1.2 would read it too, only slower.
 */
export function parseManifestText(text: string): unknown[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return [JSON.parse(text) as unknown];
    } catch (error) {
      throw new ClusterStateError(`Kein gültiges JSON: ${(error as Error).message}`);
    }
  }
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return [];
  const broken = documents.find((d) => d.errors.length > 0);
  if (broken) throw new ClusterStateError(`Kein gültiges YAML: ${broken.errors[0]?.message}`);
  return documents.map((d) => d.toJS() as unknown).filter((o) => o !== null && o !== undefined);
}
