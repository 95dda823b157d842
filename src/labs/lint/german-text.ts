/** Short, frequent German words; English or placeholder text has (almost) none of them. */
const GERMAN_WORDS = new Set(
  'der die das und ist nicht ein eine einen dem den des du dein deine deinen dich dir mit auf für von zu im in wie was wird sich auch oder wenn dann ob siehst jetzt noch'.split(
    ' ',
  ),
);

/**
 * A rough test that a text is German prose: enough words, and a fair share of them common German
 * words. It catches English drafts, placeholders and empty files, not grammar.
 */
export function looksGerman(text: string, minWords = 20): boolean {
  const prose = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .toLowerCase();
  const words = prose.match(/[a-zäöüß]+/g) ?? [];
  if (words.length < minWords) return false;
  const german = words.filter((w) => GERMAN_WORDS.has(w)).length;
  return german / words.length >= 0.08;
}

/** Marks of unfinished text. */
export function hasPlaceholder(text: string): boolean {
  return /\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum/i.test(text);
}
