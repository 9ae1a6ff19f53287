// Small output helpers shared by the demo and the examples: steps with timings, aligned tables.
import { HooksError } from '@hooks/core';

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : String(text));
export const bold = paint('1');
export const dim = paint('2');
export const green = paint('32');
export const red = paint('31');
export const cyan = paint('36');

let stepNumber = -1;

/** Runs one step, printing its title, then its result line with the time it took. */
export async function step(title, body) {
  stepNumber += 1;
  console.log(`\n${bold(`${stepNumber}. ${title}`)}`);
  const started = performance.now();
  try {
    const result = await body();
    console.log(dim(`   ✓ ${title.toLowerCase()} (${(performance.now() - started).toFixed(0)} ms)`));
    return result;
  } catch (error) {
    console.log(red(`   ✗ ${title.toLowerCase()} failed after ${(performance.now() - started).toFixed(0)} ms`));
    throw error;
  }
}

/** Prints rows as an aligned table. `columns` is a list of [header, (row) => text]. */
export function table(rows, columns, indent = '   ') {
  const cells = rows.map((row) => columns.map(([, cell]) => String(cell(row) ?? '')));
  const widths = columns.map(([header], index) => Math.max(header.length, ...cells.map((line) => line[index].length)));
  const line = (values) =>
    indent +
    values
      .map((value, index) => value.padEnd(widths[index]))
      .join('  ')
      .trimEnd();
  console.log(bold(line(columns.map(([header]) => header))));
  console.log(dim(line(widths.map((width) => '─'.repeat(width)))));
  for (const values of cells) console.log(line(values));
}

/** One line for a line-up of what happened. */
export function say(text) {
  console.log(`   ${text}`);
}

/** Describes an error the way a user meets it: its class, its fields, its message. */
export function describeError(error) {
  if (!HooksError.isInstance(error)) return `${error?.name ?? 'Error'}: ${error?.message ?? error}`;
  const facts = [];
  for (const key of ['field', 'status', 'reason', 'code', 'requestId', 'attempts', 'maybeApplied']) {
    if (error[key] !== undefined) facts.push(`${key}=${JSON.stringify(error[key])}`);
  }
  return `${error.name} {${facts.join(', ')}}\n     ${error.message}`;
}

/** Shortens a long text for a table cell. */
export function clip(text, width = 48) {
  const value = String(text);
  return value.length > width ? `${value.slice(0, width - 1)}…` : value;
}
