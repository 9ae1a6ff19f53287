// A small client of an imaginary "items" service, built only from core's public pieces,
// to prove the transport and the conformance suite on their own.
import * as v from 'valibot';
import {
  boundedString,
  type CallOptions,
  createTransport,
  idSchema,
  joinPath,
  parseInput,
  type TransportSettings,
  urlSchema,
} from '../src/index.js';

const itemId = idSchema({ description: 'an item id (8 lowercase letters or digits)', pattern: /^[a-z0-9]{8}$/ });
const item = v.object({ id: v.string(), name: v.string(), url: v.string() });
const createInput = v.object({ name: boundedString({ max: 20, min: 1 }), url: urlSchema({ httpsOnly: true }) });

export type Item = v.InferOutput<typeof item>;

export function createReference(settings: TransportSettings & { baseUrl: string; token: string }) {
  const transport = createTransport({
    ...settings,
    provider: 'reference',
    baseUrl: settings.baseUrl === '' ? '' : `${settings.baseUrl}/v1`,
    auth: { type: 'bearer', token: settings.token },
    readError: (body) =>
      typeof body === 'object' && body !== null
        ? { code: (body as { code?: string }).code, message: (body as { message?: string }).message }
        : undefined,
  });
  const context = (operation: string, field: string) => ({ provider: 'reference', operation, field });
  return {
    transport,
    get(id: string, options?: CallOptions) {
      const safe = parseInput(itemId, id, context('items.get', 'id'));
      return transport.request({ operation: 'items.get', method: 'GET', path: joinPath('items', safe), schema: item, options });
    },
    create(input: { name: string; url: string }, options?: CallOptions) {
      const body = parseInput(createInput, input, context('items.create', 'input'));
      return transport.request({ operation: 'items.create', method: 'POST', path: 'items', json: body, schema: item, options });
    },
    delete(id: string, options?: CallOptions) {
      const safe = parseInput(itemId, id, context('items.delete', 'id'));
      return transport.request({ operation: 'items.delete', method: 'DELETE', path: joinPath('items', safe), options });
    },
  };
}
