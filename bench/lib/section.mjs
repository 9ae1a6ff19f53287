// One section of bench/RESULTS.md that a script other than run.mjs owns, between two markers:
// reconcile.mjs rewrites its own section in place, and run.mjs carries it over when it rewrites
// the rest of the file.
import { existsSync, readFileSync } from 'node:fs';

const start = (id) => `<!-- ${id}:start -->`;
const end = (id) => `<!-- ${id}:end -->`;

/** The section `id` of `markdown` (markers included), or undefined. */
export function sectionOf(markdown, id) {
  const from = markdown.indexOf(start(id));
  const to = markdown.indexOf(end(id));
  return from === -1 || to < from ? undefined : markdown.slice(from, to + end(id).length);
}

/** The section `id` of a file, or undefined when the file or the section is missing. */
export function sectionOfFile(file, id) {
  return existsSync(file) ? sectionOf(readFileSync(file, 'utf8'), id) : undefined;
}

/**
 * `markdown` with its section `id` replaced by `section` (markers included); when it has none,
 * `section` goes before the heading `before` (or at the end).
 */
export function spliceSection(markdown, id, section, before = '## Reproduce') {
  if (section === undefined) return markdown;
  const current = sectionOf(markdown, id);
  if (current !== undefined) return markdown.replace(current, () => section);
  const at = markdown.indexOf(`\n${before}\n`);
  if (at === -1) return `${markdown.trimEnd()}\n\n${section}\n`;
  return `${markdown.slice(0, at + 1)}${section}\n\n${markdown.slice(at + 1)}`;
}

/** Wraps `body` in the markers of section `id`. */
export const wrapSection = (id, body) => `${start(id)}\n${body.trim()}\n${end(id)}`;
