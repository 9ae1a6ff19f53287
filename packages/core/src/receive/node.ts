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
 * A pull-based stream over a Node request. Cancelling it only pauses the request (it never
 * destroys it), so a 413 can still be written on the same socket.
 */
function bodyStream(req: NodeRequestLike): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // A body parser already read the body: there is nothing left to wait for.
        if (req.readableEnded === true) {
          controller.close();
          return;
        }
        const onData = (chunk: Uint8Array | string) => {
          controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        };
        const onEnd = () => {
          cleanup();
          controller.close();
        };
        const onError = (error: unknown) => {
          cleanup();
          controller.error(error);
        };
        // A client that goes away mid-body ends the wait too (`close` without `end`).
        const onClose = () => onError(new Error('the request closed before its body ended'));
        const listeners = { data: onData, end: onEnd, error: onError, close: onClose } as Record<string, (...args: unknown[]) => void>;
        cleanup = () => {
          for (const [event, listener] of Object.entries(listeners)) req.off(event, listener);
        };
        for (const [event, listener] of Object.entries(listeners)) req.on(event, listener);
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        cleanup();
        req.pause();
      },
    },
    { highWaterMark: 4 },
  );
}

/** Builds a Web `Request` from a Node request (origin `http://localhost`: only path and query matter). */
export function requestFromNode(req: NodeRequestLike): Request {
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
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (hasBody) {
    init.body = bodyStream(req);
    init.duplex = 'half';
  }
  return new Request(url, init);
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
