// The CommonJS program of the pack check: `require`s every entry of every installed @hooks
// package (Node's require(esm)), then uses them as a CommonJS app would.
//   node cjs.cjs
const assert = require('node:assert/strict');
const { readdirSync, readFileSync } = require('node:fs');
const { createServer } = require('node:http');
const { join } = require('node:path');

const scope = join(__dirname, 'node_modules', '@hooks');
const entries = readdirSync(scope).flatMap((name) => {
  const manifest = JSON.parse(readFileSync(join(scope, name, 'package.json'), 'utf8'));
  return Object.keys(manifest.exports)
    .filter((key) => key !== './package.json')
    .map((key) => `@hooks/${name}${key.slice(1)}`);
});
assert.ok(entries.length >= 11, `expected every entry, found ${entries.join(', ')}`);
for (const entry of entries) {
  assert.ok(Object.keys(require(entry)).length > 0, `${entry} exports nothing`);
}
console.log(`cjs: required ${entries.length} entries`);

const { ApiError, HooksError, InputError } = require('@hooks/core');
const { createMattermost } = require('@hooks/mattermost');
const { createHooks } = require('@hooks/all');

async function main() {
  const token = 'pack-check-secret-token';
  const server = createServer((_request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ id: 'api.context.session_expired.app_error', message: 'Invalid or expired session, please login again.' }),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = createMattermost({ baseUrl: `http://127.0.0.1:${server.address().port}`, token, retry: 0 });
    const error = await client.incoming.get('a'.repeat(26)).catch((caught) => caught);
    // One module instance for require and import: the error family is the same class.
    assert.ok(error instanceof ApiError && error instanceof HooksError, `expected the ApiError of @hooks/core, got ${error}`);
    assert.equal(error.status, 401);
    assert.ok(!error.message.includes(token));
  } finally {
    server.close();
  }
  assert.throws(
    () => createHooks({ slack: {} }),
    (error) => error instanceof InputError && /slack/.test(error.message),
  );
  console.log('cjs: ok');
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
