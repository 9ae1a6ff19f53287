import { InputError } from '@hooks/core';
import { describe, expect, it } from 'vitest';
import { createHooks } from '../src/index.js';

describe('createHooks with a key that is not a provider', () => {
  it('names the unknown key, before building any client', () => {
    const attempt = () => createHooks({ slack: { token: 'x' } } as never);
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(/"slack": not a provider; the providers are mattermost, circuit, gosquared, instance/);
    try {
      attempt();
    } catch (error) {
      expect((error as InputError).field).toBe('slack');
    }
  });

  it('names the unknown key even beside valid providers', () => {
    expect(() => createHooks({ gosquared: { apiKey: 'key', siteToken: 'GSN-123456-X' }, mattermots: {} } as never)).toThrow(/"mattermots"/);
  });

  it('rejects a config that is not an object', () => {
    expect(() => createHooks(undefined as never)).toThrow(/invalid "config": must be an object/);
  });
});
