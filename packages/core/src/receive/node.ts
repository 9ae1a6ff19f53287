import { defaultMaxDeliveryBytes } from './body.js';

/**
 * The parts of a `node:http` `IncomingMessage` (or an Express request) the receiver uses,
 * typed structurally so that core never imports `node:http`.
 */
export interface NodeRequestLike {
  /** The HTTP method. */
  method?: string | undefined;
  /** The request target: path and query. */
  url?: string | undefined;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  /** Subscribes to `data`, `end` and `error`. */
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  /** Unsubscribes. */
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  /** Stops the flow of `data` events. */
  pause(): unknown;
  /** Resumes the flow of `data` events. */
  resume(): unknown;
  /** True once the body was read to the end (by a body parser mounted before the receiver). */
  readonly readableEnded?: boolean | undefined;
}

/** The parts of a `node:http` `ServerResponse` (or an Express response) the receiver uses. */
export interface NodeResponseLike {
  /** The status to send. */
  statusCode: number;
  /** Sets one header. */
  setHeader(name: string, value: string | string[]): unknown;
  /** Sends the body and finishes the answer. */
  end(body?: Uint8Array): unknown;
  /** True once the head has gone out. */
  readonly headersSent?: boolean;
}

/**
 * Reads a Node request's body, stopping once it holds more than `limit` bytes (the request is
 * then only paused, never destroyed, so a 413 can still be written on the same socket). Also
 * ends when a body parser already read the body, or when the client leaves mid-body.
 */
function readBody(req: NodeRequestLike, limit: number): Promise<Uint8Array> {
  if (req.readableEnded === true) return Promise.resolve(new Uint8Array(0));
  const encoder = new TextEncoder();
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const finish = (error?: unknown) => {
      for (const [event, listener] of Object.entries(listeners)) req.off(event, listener);
      if (error !== undefined) return reject(error);
      const bytes = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      resolve(bytes);
    };
    const listeners = {
      data: (chunk: Uint8Array | string) => {
        const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
        chunks.push(bytes);
        total += bytes.byteLength;
        if (total > limit) {
          req.pause();
          finish();
        }
      },
      end: () => finish(),
      error: (error: unknown) => finish(error),
      close: () => finish(new Error('the request closed before its body ended')),
    } as Record<string, (...args: unknown[]) => void>;
    for (const [event, listener] of Object.entries(listeners)) req.on(event, listener);
  });
}

/**
 * Builds a Web `Request` from a Node request (origin `http://localhost`: only path and query
 * matter). The body is read first, at most `maxBytes + 1` bytes, so the receiver's own cap
 * check still answers 413; a single read of bytes is far cheaper than a Web stream over Node's.
 */
export async function requestFromNode(req: NodeRequestLike, maxBytes: number = defaultMaxDeliveryBytes): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    try {
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    } catch {
      // A header value the Fetch API refuses is dropped; the checks then see it as absent.
    }
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const body = await readBody(req, maxBytes);
  return new Request(url, { method, headers, body: body as Uint8Array<ArrayBuffer> });
}

/** Writes a Web `Response` to a Node response. */
export async function writeToNode(response: Response, res: NodeResponseLike): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  if (res.headersSent === true) {
    res.end();
    return;
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.setHeader('content-length', String(body.byteLength));
  res.end(body);
}
