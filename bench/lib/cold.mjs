// Cold start of one client in a fresh process: the time to import its package, build a client and
// finish its first request (`get` one hook). Nothing is imported before the clock starts.
//   node cold.mjs '<json config>'
// The `hooksSteps` and `client4Steps` clients split the same start into steps instead.
const started = performance.now();
const { client: id, target } = JSON.parse(process.argv[2]);

/** Imports, builds the client and sends the first request; returns the hook and when the client was ready. */
async function coldStart() {
  switch (id) {
    case 'fetch': {
      const response = await fetch(`${target.origin}/api/v4/hooks/incoming/${target.hookId}`, {
        headers: { authorization: `Bearer ${target.token}`, accept: 'application/json' },
      });
      return { ready: started, hook: await response.json() };
    }
    case 'ky': {
      const { default: ky } = await import('ky');
      const api = ky.create({ baseUrl: `${target.origin}/api/v4/`, headers: { authorization: `Bearer ${target.token}` } });
      const ready = performance.now();
      return { ready, hook: await api.get(`hooks/incoming/${target.hookId}`).json() };
    }
    case 'hooks': {
      const { createMattermost } = await import('@hooks/mattermost');
      const client = createMattermost({ baseUrl: target.origin, token: target.token });
      const ready = performance.now();
      return { ready, hook: await client.incoming.get(target.hookId) };
    }
    case 'client4': {
      const { Client4 } = await import('@mattermost/client');
      const client = new Client4();
      client.setUrl(target.origin);
      client.setToken(target.token);
      const ready = performance.now();
      return { ready, hook: await client.getIncomingWebhook(target.hookId) };
    }
    default:
      throw new Error(`unknown client ${id}`);
  }
}

/** The same start, each package imported on its own after Node's fetch implementation. */
async function coldSteps() {
  const steps = [];
  let last = started;
  const step = (name) => {
    const now = performance.now();
    steps.push([name, now - last]);
    last = now;
  };
  void globalThis.Request;
  step("Node's fetch implementation");
  let hook;
  if (id === 'hooksSteps') {
    await import('valibot');
    step('valibot');
    await import('ky');
    step('ky');
    await import('@hooks/core');
    step('@hooks/core');
    const { createMattermost } = await import('@hooks/mattermost');
    step('@hooks/mattermost');
    const client = createMattermost({ baseUrl: target.origin, token: target.token });
    step('client');
    hook = await client.incoming.get(target.hookId);
  } else {
    const { Client4 } = await import('@mattermost/client');
    step('@mattermost/client');
    const client = new Client4();
    client.setUrl(target.origin);
    client.setToken(target.token);
    step('client');
    hook = await client.getIncomingWebhook(target.hookId);
  }
  step('first request');
  return { hook, steps };
}

if (id === 'hooksSteps' || id === 'client4Steps') {
  const { hook, steps } = await coldSteps();
  if (hook?.id !== target.hookId) throw new Error(`${id}: the first request did not return the hook`);
  process.stdout.write(`${JSON.stringify({ client: id, steps })}\n`);
} else {
  const { ready, hook } = await coldStart();
  const finished = performance.now();
  if (hook?.id !== target.hookId) throw new Error(`${id}: the first request did not return the hook`);
  process.stdout.write(
    `${JSON.stringify({ client: id, coldMs: finished - started, importMs: ready - started, requestMs: finished - ready, sinceLaunchMs: finished })}\n`,
  );
}
