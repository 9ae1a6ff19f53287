/**
 * Fault injection for the fault matrix: what a fake can be told to play instead of answering
 * (resets, stalls, slow, short and huge bodies, bursts, canned answers), the queue of faults
 * waiting to be played, and the player that writes them to the socket.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendFakeResponse } from './http.js';
import type { LoggedRequest } from './log.js';

/** Faults a fake can be told to play, one per request, for the fault matrix. */
export type Fault =
  | {
      /** Destroy the socket once the request has arrived, without answering. */
      type: 'reset';
    }
  | {
      /** Never answer (until the server closes). */
      type: 'stall-headers';
    }
  | {
      /** Send headers and part of a JSON body, then nothing more. */
      type: 'stall-body';
      /** The status sent. Default 200. */
      status?: number | undefined;
      /** The part of the body sent. */
      partial?: string | undefined;
    }
  | {
      /** Send `body` in `chunks` pieces, `intervalMs` apart. */
      type: 'slow-body';
      /** The whole JSON body. */
      body: string;
      /** In how many pieces. */
      chunks: number;
      /** The pause between pieces. */
      intervalMs: number;
      /** The status sent. Default 200. */
      status?: number | undefined;
    }
  | {
      /** Declare `declared` bytes in `Content-Length`, send `body`, then close. */
      type: 'short-body';
      /** The status sent. Default 200. */
      status?: number | undefined;
      /** The declared length. */
      declared: number;
      /** What is actually sent. */
      body: string;
    }
  | {
      /** Stream a JSON body of `bytes` bytes. */
      type: 'huge';
      /** How many bytes. */
      bytes: number;
      /** The status sent. Default 200. */
      status?: number | undefined;
    }
  | {
      /**
       * Hold requests until `count` of them have arrived, then answer them all with `status`:
       * a burst every concurrent caller sees before any retry can arrive.
       */
      type: 'burst';
      /** How many requests make the burst. */
      count: number;
      /** The status every held request gets. */
      status: number;
      /** The body every held request gets. */
      body?: string | undefined;
    }
  | {
      /** Answer exactly this. */
      type: 'respond';
      /** The status. */
      status: number;
      /** A raw body. */
      body?: string | undefined;
      /** A JSON body (instead of `body`). */
      json?: unknown;
      /** Headers. */
      headers?: Record<string, string> | undefined;
    };

/** Which requests a fault is played for. */
export interface FaultOptions {
  /** For how many matching requests. Default 1. */
  times?: number | undefined;
  /** Which requests; default every request. */
  match?: ((request: LoggedRequest) => boolean) | undefined;
}

/** The fault controls every fake exposes as `faults`. */
export interface FaultInjector {
  /** Plays `fault` for the next `times` requests (default 1) that `match` accepts (default all). */
  inject(fault: Fault, options?: FaultOptions): void;
  /** Drops faults not yet played. */
  clear(): void;
  /** How many fault plays are still queued. */
  pending(): number;
}

/** The queue behind a {@link FaultInjector}, as the server uses it. */
export interface FaultQueue extends FaultInjector {
  /** The fault to play for `request` (counted as played), or `undefined`. */
  take(request: LoggedRequest): Fault | undefined;
}

/**
 * A queue of faults: the server asks it, for each request, which fault to play.
 *
 * @example
 * ```ts
 * const faults = createFaultQueue();
 * faults.inject({ type: 'respond', status: 503 }, { times: 2, match: (request) => request.method === 'GET' });
 * ```
 */
export function createFaultQueue(): FaultQueue {
  const queued: { fault: Fault; times: number; match: FaultOptions['match'] }[] = [];
  return {
    inject(fault, options = {}) {
      queued.push({ fault, times: options.times ?? 1, match: options.match });
    },
    clear() {
      queued.length = 0;
    },
    pending: () => queued.reduce((sum, item) => sum + Math.max(0, item.times), 0),
    take(request) {
      const item = queued.find((candidate) => candidate.times > 0 && (candidate.match ? candidate.match(request) : true));
      if (!item) return undefined;
      item.times--;
      return item.fault;
    },
  };
}

/** Plays faults on the wire; keeps what the close and the tests need to know. */
export interface FaultPlayer {
  /** Writes `fault` as the answer to `request`. */
  play(fault: Fault, request: IncomingMessage, response: ServerResponse): void;
  /** How many bytes the last `huge` fault wrote before the client went away. */
  readonly hugeBytesWritten: number;
  /** Destroys the responses a stall holds open. */
  releaseHeld(): void;
}

/** Creates the player a fake server uses to write faults. */
export function createFaultPlayer(): FaultPlayer {
  const held = new Set<ServerResponse>();
  const bursts = new Map<Fault, ServerResponse[]>();
  let hugeBytesWritten = 0;

  function play(fault: Fault, request: IncomingMessage, response: ServerResponse): void {
    switch (fault.type) {
      case 'burst': {
        const waiting = bursts.get(fault) ?? [];
        bursts.set(fault, waiting);
        waiting.push(response);
        if (waiting.length >= fault.count) {
          bursts.delete(fault);
          for (const one of waiting) sendFakeResponse(one, { status: fault.status, text: fault.body ?? '' });
        }
        return;
      }
      case 'reset':
        request.socket.destroy();
        return;
      case 'stall-headers':
        held.add(response);
        return;
      case 'stall-body':
        response.writeHead(fault.status ?? 200, { 'content-type': 'application/json', 'content-length': '100000' });
        response.write(fault.partial ?? '{"id":');
        held.add(response);
        return;
      case 'slow-body': {
        response.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
        const size = Math.ceil(fault.body.length / fault.chunks);
        let offset = 0;
        const tick = () => {
          if (response.destroyed) return;
          response.write(fault.body.slice(offset, offset + size));
          offset += size;
          if (offset >= fault.body.length) response.end();
          else setTimeout(tick, fault.intervalMs);
        };
        tick();
        return;
      }
      case 'short-body':
        response.writeHead(fault.status ?? 200, { 'content-type': 'application/json', 'content-length': String(fault.declared) });
        response.write(fault.body);
        setTimeout(() => request.socket.destroy(), 5);
        return;
      case 'huge': {
        response.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        hugeBytesWritten = 0;
        response.write('[');
        const pump = () => {
          while (hugeBytesWritten < fault.bytes) {
            if (response.destroyed) return;
            hugeBytesWritten += chunk.length;
            if (!response.write(chunk)) {
              response.once('drain', pump);
              return;
            }
          }
          response.end(']');
        };
        pump();
        return;
      }
      case 'respond':
        if (fault.json !== undefined) {
          sendFakeResponse(response, { status: fault.status, json: fault.json, ...(fault.headers ? { headers: fault.headers } : {}) });
        } else {
          const headers: Record<string, string> = { ...fault.headers };
          if (fault.body !== undefined) headers['content-length'] = String(Buffer.byteLength(fault.body));
          response.writeHead(fault.status, headers);
          response.end(fault.body);
        }
        return;
    }
  }

  return {
    play,
    get hugeBytesWritten() {
      return hugeBytesWritten;
    },
    releaseHeld() {
      for (const response of held) response.destroy();
      held.clear();
    },
  };
}
