/**
 * Ends `text` with exactly one full stop: a service message that already ends in `.`, `!` or `?`
 * (trailing spaces ignored) keeps its own, so error messages never end in "..".
 *
 * @internal
 */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
