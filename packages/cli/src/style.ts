/**
 * Terminal output: colours only on a terminal and never with `NO_COLOR`, and the progress line.
 *
 * @internal
 * @module
 */
import { styleText } from 'node:util';

/** A writable stream as the CLI sees it. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

/** Colour names the CLI uses. */
export type Colour = 'green' | 'yellow' | 'red' | 'cyan' | 'dim' | 'bold';

/** Paints text, or leaves it alone when colours are off. */
export type Paint = (colour: Colour, text: string) => string;

/** Colours on when `stream` is a terminal and `NO_COLOR` is not set to something non-empty. */
export function painter(stream: Output, env: NodeJS.ProcessEnv): Paint {
  const on = stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  return on ? (colour, text) => styleText(colour, text, { validateStream: false }) : (_colour, text) => text;
}

/** The progress line: written to stderr on a terminal only, after a short delay, and cleared when done. */
export interface Progress {
  set(text: string): void;
  done(): void;
}

/** A progress line on `stream` (nothing when it is not a terminal). */
export function progress(stream: Output, delay = 250): Progress {
  if (stream.isTTY !== true) return { set() {}, done() {} };
  const started = Date.now();
  let text = '';
  let shown = false;
  const draw = () => {
    shown = true;
    stream.write(`\r\x1b[K${text} ${((Date.now() - started) / 1000).toFixed(1)}s`);
  };
  const timer = setInterval(() => {
    if (Date.now() - started >= delay && text) draw();
  }, 100);
  timer.unref();
  return {
    set(next) {
      text = next;
    },
    done() {
      clearInterval(timer);
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
