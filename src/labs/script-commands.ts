/** A heredoc-aware reading of a bash script: commands as argv, with the heredoc body if any. */
export interface ScriptCommand {
  /** 1-based first and last line in the script (a heredoc's terminator included). */
  line: number;
  endLine: number;
  text: string;
  argv: string[];
  stdin?: string;
}

/** Splits one command line into words the way bash would for simple quoting (no expansion). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else if (c === '#' && !inWord) {
      break;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** The script's commands: comments and blank lines dropped, `\` continuations joined, heredocs attached. */
export function scriptCommands(script: string): ScriptCommand[] {
  const lines = script.split('\n');
  const commands: ScriptCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i] ?? '';
    while (text.endsWith('\\') && i + 1 < lines.length) text = text.slice(0, -1) + ' ' + lines[++i];
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    const heredoc = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(text);
    let stdin: string | undefined;
    if (heredoc) {
      const end = lines.findIndex((l, j) => j > i && l.trim() === heredoc[1]);
      if (end < 0) throw new Error(`line ${start + 1}: heredoc ${heredoc[1] ?? ''} is not closed`);
      stdin = lines.slice(i + 1, end).join('\n');
      text = text.slice(0, heredoc.index) + text.slice(heredoc.index + heredoc[0].length);
      i = end;
    }
    commands.push({
      line: start + 1,
      endLine: i + 1,
      text: text.trim(),
      argv: shellWords(text),
      ...(stdin === undefined ? {} : { stdin }),
    });
  }
  return commands;
}
