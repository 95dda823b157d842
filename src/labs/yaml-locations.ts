import { isNode, type LineCounter, type Document } from 'yaml';

/** Maps a field path of a parsed YAML document to the 1-based line it is written on. */
export class YamlLocations {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  lineOf(path: readonly PropertyKey[]): number | undefined {
    // Walk up until a node exists: a missing field is reported at its parent.
    for (let depth = path.length; depth >= 0; depth--) {
      const keys = path.slice(0, depth).map((k) => (typeof k === 'symbol' ? String(k) : k));
      const node = depth === 0 ? this.doc.contents : this.doc.getIn(keys, true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }
}
