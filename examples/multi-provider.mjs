// Several services through @hooks/all: plan (printed), apply, list, and ensure again (nothing changes), against the fakes.
//   node examples/multi-provider.mjs
import { createHooks } from '@hooks/all';
import { createCircuitFake, createInstanceFake, createMattermostFake } from '@hooks/all/testing';

const [mattermostFake, circuitFake, instanceFake] = await Promise.all([createMattermostFake(), createCircuitFake(), createInstanceFake()]);
try {
  const hooks = createHooks({
    // teamId scopes Mattermost's listing and planning to one team: a non-admin token is enough.
    mattermost: { baseUrl: mattermostFake.url, token: mattermostFake.token, teamId: mattermostFake.world.teamId },
    circuit: { baseUrl: circuitFake.baseUrl, token: circuitFake.token },
    instance: { baseUrl: instanceFake.url, instanceId: instanceFake.instanceId, token: instanceFake.token },
  });
  const wanted = [
    { provider: 'mattermost', kind: 'incoming', channelId: mattermostFake.world.channelId, displayName: 'Alerts' },
    { provider: 'circuit', kind: 'webhook', url: 'https://bot.example.com/circuit', filter: ['CONVERSATION.ADD_ITEM'] },
    { provider: 'instance', name: 'inbox', url: 'https://bot.example.com/codechat', events: { messagesSet: false } },
  ];
  // The plan sends no write: per spec create, update (with its diff) or unchanged.
  const plan = await hooks.plan(wanted);
  for (const entry of plan.entries) console.log(`plan: ${entry.provider}=${entry.action}`, entry.diff ?? '');
  for (const failure of plan.failures) console.log(`plan: ${failure.provider} not planned (${failure.error.message})`);
  const outcome = (report) =>
    wanted
      .map((spec, index) => `${spec.provider}=${report.results.find((result) => result.index === index)?.action ?? 'failed'}`)
      .join(' ');
  // `hooks.apply(plan)` performs exactly what was printed.
  const first = await hooks.apply(plan);
  console.log('first ensure: ', outcome(first));
  const second = await hooks.ensure(wanted);
  console.log('second ensure:', outcome(second));

  const { webhooks, failures } = await hooks.list();
  for (const hook of webhooks) console.log(` ${hook.provider.padEnd(10)} ${hook.kind.padEnd(8)} ${hook.urls[0]}`);
  console.log('failures:', failures.length);
  if (!second.ok || second.results.some((result) => result.action !== 'unchanged')) process.exitCode = 1;
} finally {
  await Promise.all([mattermostFake.close(), circuitFake.close(), instanceFake.close()]);
}
