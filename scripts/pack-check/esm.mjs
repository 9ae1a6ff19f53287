// The ESM program of the pack check: run inside a scratch app that installed the packed tarballs
// with npm. It imports every entry of every package, then uses the packages as an app would.
//   node esm.mjs   (prints one line per check; exits 1 on the first failure)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const scope = new URL('./node_modules/@hooks/', import.meta.url);
const entries = readdirSync(scope).flatMap((name) => {
  const manifest = JSON.parse(readFileSync(new URL(`${name}/package.json`, scope), 'utf8'));
  return Object.keys(manifest.exports)
    .filter((key) => key !== './package.json')
    .map((key) => `@hooks/${name}${key.slice(1)}`);
});
assert.ok(entries.length >= 11, `expected every entry, found ${entries.join(', ')}`);
for (const entry of entries) {
  const module = await import(entry);
  assert.ok(Object.keys(module).length > 0, `${entry} exports nothing`);
}
console.log(`esm: imported ${entries.length} entries`);

const { ApiError, HooksError, InputError } = await import('@hooks/core');
const { createMattermost } = await import('@hooks/mattermost');
const { createHooks } = await import('@hooks/all');

// A Mattermost that rejects the token, answering in Mattermost's error format.
const token = 'pack-check-secret-token';
let requests = 0;
const server = createServer((_request, response) => {
  requests++;
  response.writeHead(401, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ id: 'api.context.session_expired.app_error', message: 'Invalid or expired session, please login again.' }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
try {
  const client = createMattermost({ baseUrl: `http://127.0.0.1:${server.address().port}`, token, retry: 0 });
  // (an async wrapper: a bad id may throw at once or reject)
  await assert.rejects(
    async () => client.incoming.get('../etc'),
    (error) => error instanceof InputError && error instanceof HooksError,
  );
  assert.equal(requests, 0, 'a bad id must not reach the server');
  const error = await client.incoming.get('a'.repeat(26)).catch((caught) => caught);
  assert.ok(error instanceof ApiError, `expected the ApiError of @hooks/core, got ${error}`);
  assert.equal(error.status, 401);
  assert.doesNotMatch(error.message, /\.\./, 'no message ends in ".."');
  assert.ok(!JSON.stringify(error).includes(token) && !error.message.includes(token), 'the token stays out of the error');
  console.log(`esm: ApiError from the service: ${error.message}`);
} finally {
  server.close();
}
assert.throws(
  () => createHooks({ slack: {} }),
  (error) => error instanceof InputError && /slack/.test(error.message),
);
console.log('esm: ok');
