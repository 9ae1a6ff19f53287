import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { badIds } from '../src/conformance.js';
import {
  baseUrlSchema,
  boundedString,
  InputError,
  idSchema,
  integerId,
  joinPath,
  opaqueId,
  parseInput,
  strictInput,
  urlProblem,
  urlSchema,
  uuid,
} from '../src/index.js';

const context = { provider: 'test', operation: 'op', field: 'id' };
const accepts = (schema: Parameters<typeof parseInput>[0], value: unknown) => {
  try {
    parseInput(schema, value, context);
    return true;
  } catch (error) {
    expect(InputError.isInstance(error)).toBe(true);
    return false;
  }
};
const mattermostId = idSchema({ description: 'a Mattermost id', pattern: /^[a-z0-9]{26}$/ });

describe('id validators', () => {
  it('refuse every path-segment attack', () => {
    for (const schema of [mattermostId, opaqueId, uuid, integerId]) {
      for (const bad of badIds) expect(accepts(schema, bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('property: any accepted opaque id lands in a URL as exactly one path segment', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140 }), (candidate) => {
        if (!accepts(opaqueId, candidate)) return;
        const url = new URL(joinPath('items', candidate), 'https://api.example/v2/');
        expect(url.pathname).toBe(`/v2/items/${candidate}`);
        expect(url.pathname.split('/')).toHaveLength(4);
        expect(url.search).toBe('');
        expect(url.hash).toBe('');
      }),
      { numRuns: 2_000 },
    );
  });

  it('property: strings of the allowed alphabet pass opaqueId unless they start with punctuation', () => {
    const alphabet = fc.constantFrom(...'abcXYZ019._~-'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, minLength: 1, maxLength: 128 }), (candidate) => {
        expect(accepts(opaqueId, candidate)).toBe(/^[A-Za-z0-9]/.test(candidate));
      }),
    );
  });

  it('property: Mattermost-style ids accept exactly 26 lowercase letters and digits', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 30 }), (candidate) => {
        expect(accepts(mattermostId, candidate)).toBe(/^[a-z0-9]{26}$/.test(candidate));
      }),
    );
    expect(accepts(mattermostId, 'hawos4dqtby53pd64o4a4cmeoo')).toBe(true);
  });

  it('uuids and integer ids', () => {
    expect(accepts(uuid, '8b637a4d-75e3-445a-88ea-01979d4008ef')).toBe(true);
    expect(accepts(uuid, '8b637a4d75e3445a88ea01979d4008ef')).toBe(false);
    expect(parseInput(integerId, '42', context)).toBe(42);
    expect(parseInput(integerId, 7, context)).toBe(7);
    for (const bad of [0, -1, 1.5, '01', '1e3', Number.MAX_SAFE_INTEGER + 1, '']) expect(accepts(integerId, bad)).toBe(false);
  });

  it('messages name the field and never echo the value', () => {
    const secretish = 'tok_SECRET_value/../x';
    try {
      parseInput(opaqueId, secretish, context);
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).field).toBe('id');
      expect((error as Error).message).toContain('"id"');
      expect((error as Error).message).not.toContain('SECRET');
    }
    try {
      parseInput(boundedString({ max: 3 }), 12345, context);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('12345');
    }
  });
});

describe('URL validators', () => {
  it('accept http(s) URLs with a host and refuse the rest', () => {
    const ok = ['https://example.com/hook', 'http://10.0.0.1:8080/x?y=1', 'https://[::1]/a'];
    const bad = [
      '',
      'example.com/hook',
      'ftp://example.com',
      'javascript:alert(1)',
      'data:text/plain,hi',
      'https://u:p@example.com',
      'https://exa mple.com',
      'http:/x',
      `https://example.com/${'a'.repeat(2048)}`,
      'https://example.com/\r\n',
    ];
    for (const text of ok) expect(urlProblem(text), text).toBeUndefined();
    for (const text of bad) expect(urlProblem(text), text).toBeDefined();
  });

  it('https-only still lets loopback receivers use plain http', () => {
    const schema = urlSchema({ httpsOnly: true });
    expect(accepts(schema, 'http://example.com/hook')).toBe(false);
    expect(accepts(schema, 'http://127.0.0.1:3000/hook')).toBe(true);
    expect(accepts(schema, 'http://localhost/hook')).toBe(true);
    expect(accepts(urlSchema({ httpsOnly: true, allowHttpLoopback: false }), 'http://localhost/hook')).toBe(false);
  });

  it('property: every accepted URL keeps its host and scheme through the URL parser', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (text) => {
        if (urlProblem(text) !== undefined) return;
        const url = new URL(text);
        expect(['http:', 'https:']).toContain(url.protocol);
        expect(url.hostname).not.toBe('');
        expect(url.username + url.password).toBe('');
      }),
      { numRuns: 1_000 },
    );
  });

  it('base URLs get a trailing slash and may not carry a query', () => {
    expect(parseInput(baseUrlSchema, 'https://chat.example.com/api/v4', context)).toBe('https://chat.example.com/api/v4/');
    expect(accepts(baseUrlSchema, 'https://chat.example.com/?a=1')).toBe(false);
    expect(accepts(baseUrlSchema, 'https://chat.example.com/#x')).toBe(false);
  });
});

describe('strictInput', () => {
  const input = strictInput({ name: v.string('must be a string'), note: v.optional(v.string('must be a string')) });
  const problem = (value: unknown) => {
    try {
      parseInput(input, value, { provider: 'test', operation: 'create', field: 'input' });
    } catch (error) {
      if (InputError.isInstance(error)) return [error.field, error.message];
    }
    return 'accepted';
  };
  it('refuses an unknown key by name, even one set to undefined, and keeps the known ones', () => {
    expect(parseInput(input, { name: 'a' }, context)).toEqual({ name: 'a' });
    expect(problem({ name: 'a', nmae: 'b' })).toEqual([
      'input.nmae',
      '[test] create: invalid "input.nmae": is not a known field (check its spelling)',
    ]);
    expect(problem({ name: 'a', nmae: undefined })).toEqual([
      'input.nmae',
      '[test] create: invalid "input.nmae": is not a known field (check its spelling)',
    ]);
  });
  it('says "must be an object" for what is not one, and leaves the fields their own messages', () => {
    expect(problem('a')).toEqual(['input', '[test] create: invalid "input": must be an object']);
    expect(problem({ name: 1 })).toEqual(['input.name', '[test] create: invalid "input.name": must be a string']);
  });
});
