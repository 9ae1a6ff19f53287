/**
 * Bad values every provider's `badInput` and `badSettings` should include.
 *
 * @module
 */
import type { BadSettingsCase } from './types.js';

/** The base-URL cases every provider's `badSettings` should include, given its factory. */
export function badBaseUrls(create: (baseUrl: string) => unknown): BadSettingsCase[] {
  return [
    { name: 'empty base URL', create: () => create(''), field: 'baseUrl' },
    { name: 'relative base URL', create: () => create('/api'), field: 'baseUrl' },
    { name: 'ftp base URL', create: () => create('ftp://example.com'), field: 'baseUrl' },
    { name: 'base URL with credentials', create: () => create('https://user:pass@example.com'), field: 'baseUrl' },
    { name: 'javascript: base URL', create: () => create('javascript:alert(1)'), field: 'baseUrl' },
  ];
}

/** Path-segment attacks every id must refuse: `''`, `.`, `..`, `%2e%2e`, `a/b`, `a?x=1`, `a#b`, CR/LF, non-ASCII. */
export const badIds: readonly string[] = ['', '.', '..', '%2e%2e', 'a/b', 'a?x=1', 'a#b', 'a\r\nb', 'é', '../../users/me'];
