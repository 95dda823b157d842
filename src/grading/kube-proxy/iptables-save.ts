/** One `-A CHAIN …` line of `iptables-save`, split into words (quoted words kept whole). */
export interface IptablesRule {
  chain: string;
  words: string[];
}

/** The rules of one table (`nat`) of `iptables-save` output, by chain, in order. */
export function parseIptablesSave(text: string, table = 'nat'): Map<string, IptablesRule[]> {
  const chains = new Map<string, IptablesRule[]>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) current = line.slice(1).trim();
    if (current !== table || !line.startsWith('-A ')) continue;
    const [, chain = '', ...words] = splitWords(line);
    chains.set(chain, [...(chains.get(chain) ?? []), { chain, words }]);
  }
  return chains;
}

/** The value after an option, e.g. `option(rule, '-j')` → `KUBE-SVC-…`. */
export function option(rule: IptablesRule, name: string): string | undefined {
  const at = rule.words.indexOf(name);
  return at >= 0 ? rule.words[at + 1] : undefined;
}

/** Whether the option is negated (`! -s 10.244.0.0/16`). */
export function negated(rule: IptablesRule, name: string): boolean {
  return rule.words[rule.words.indexOf(name) - 1] === '!';
}

function splitWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    words.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? ''));
  }
  return words;
}
