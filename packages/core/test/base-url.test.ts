// core's serverRoot: the baseUrl rule of CONTRIBUTING.md that every provider's factory applies.
import { describe, expect, it } from 'vitest';
import { InputError, serverRoot } from '../src/index.js';

const mattermost = { provider: 'mattermost', apiPath: 'api/v4' };
const circuit = { provider: 'circuit', apiPath: 'rest/v2', aliases: ['rest'] };

function refusal(baseUrl: unknown, rule: typeof mattermost): InputError {
  try {
    serverRoot(baseUrl, rule);
  } catch (error) {
    if (InputError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`${String(baseUrl)} was accepted`);
}

describe('serverRoot', () => {
  it('the server root, with or without the API path at its end, is the same server', () => {
    for (const baseUrl of [
      'https://chat.example.com',
      'https://chat.example.com/',
      'https://chat.example.com/api/v4',
      'https://chat.example.com/API/V4/',
    ]) {
      expect(serverRoot(baseUrl, mattermost)).toBe('https://chat.example.com/');
    }
  });

  it('keeps a path prefix and strips an alias only at the end', () => {
    expect(serverRoot('https://example.com/mattermost/api/v4', mattermost)).toBe('https://example.com/mattermost/');
    expect(serverRoot('https://eu.yourcircuit.com/rest', circuit)).toBe('https://eu.yourcircuit.com/');
    expect(serverRoot('https://proxy.example.com/circuit/rest/v2/', circuit)).toBe('https://proxy.example.com/circuit/');
  });

  it('refuses an address inside the API, naming the root to pass and the provider', () => {
    for (const [baseUrl, root] of [
      ['https://chat.example.com/api/v4/hooks', 'https://chat.example.com/'],
      ['https://chat.example.com/api/v4/api/v4', 'https://chat.example.com/'],
      ['https://example.com/mm/api/v4/hooks/incoming/', 'https://example.com/mm/'],
    ] as const) {
      const error = refusal(baseUrl, mattermost);
      expect(error.field).toBe('baseUrl');
      expect(error.message).toBe(`[mattermost] settings: invalid "baseUrl": pass the server root (${root}); the client adds /api/v4`);
    }
    expect(refusal('https://eu.yourcircuit.com/rest/v2/webhooks', circuit).message).toContain(
      '(https://eu.yourcircuit.com/); the client adds /rest/v2',
    );
  });

  it('refuses what is not a base URL, without echoing it', () => {
    for (const baseUrl of [
      'chat.example.com',
      'https://user:secret@chat.example.com',
      'https://chat.example.com/?token=secret',
      42,
      undefined,
    ]) {
      const error = refusal(baseUrl, mattermost);
      expect(error.field).toBe('baseUrl');
      expect(error.message).not.toContain('secret');
    }
  });
});
