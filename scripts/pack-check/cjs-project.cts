// A TypeScript CommonJS project (`module: nodenext`, `.cts`): it type-checks against the packed
// packages and its emitted `require` calls run on Node's require(esm).
import { ApiError, type CallOptions, InputError } from '@hooks/core';
import { createMattermost, type MattermostSettings } from '@hooks/mattermost';

const settings: MattermostSettings = { baseUrl: 'https://chat.example.com', token: 'consumer-token-1', retry: 0 };
const options: CallOptions = { timeout: 1_000 };
const client = createMattermost(settings);

// An async wrapper: a bad id may throw at once or reject.
Promise.resolve()
  .then(() => client.incoming.get('../etc', options))
  .then(
    () => {
      throw new Error('a bad id must be rejected');
    },
    (error: unknown) => {
      if (!(error instanceof InputError) || error instanceof ApiError) throw new Error(`expected an InputError, got ${String(error)}`);
      console.log(`cjs-project: ${error.message}`);
    },
  );
