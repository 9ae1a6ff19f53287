// Several services through @hooks/all: ensure, list, and ensure again (nothing changes), against the fakes.
//   node examples/multi-provider.mjs
import { createHooks } from '@hooks/all';
import { createCircuitFake } from '@hooks/circuit/testing';
import { createInstanceFake } from '@hooks/instance/testing';
import { createMattermostFake } from '@hooks/mattermost/testing';

const [mattermostFake, circuitFake, instanceFake] = await Promise.all([createMattermostFake(), createCircuitFake(), createInstanceFake()]);
try {
  const hooks = createHooks({
    mattermost: { baseUrl: mattermostFake.url, token: mattermostFake.token },
    circuit: { baseUrl: circuitFake.baseUrl, token: circuitFake.token },
    instance: { baseUrl: instanceFake.url, instanceId: instanceFake.instanceId, token: instanceFake.token },
  });
  const wanted = [
    { provider: 'mattermost', kind: 'incoming', channelId: mattermostFake.world.channelId, displayName: 'Alerts' },
    { provider: 'circuit', kind: 'webhook', url: 'https://bot.example.com/circuit', filter: ['CONVERSATION.ADD_ITEM'] },
    { provider: 'instance', name: 'inbox', url: 'https://bot.example.com/codechat', events: { messagesSet: false } },
  ];
  const first = await hooks.ensure(wanted);
  console.log('first ensure: ', first.map((report) => `${report.provider}=${report.ok ? report.action : 'failed'}`).join(' '));
  const second = await hooks.ensure(wanted);
  console.log('second ensure:', second.map((report) => `${report.provider}=${report.ok ? report.action : 'failed'}`).join(' '));

  const { webhooks, failures } = await hooks.list();
  for (const hook of webhooks) console.log(` ${hook.provider.padEnd(10)} ${hook.kind.padEnd(8)} ${hook.urls[0]}`);
  console.log('failures:', failures.length);
  if (second.some((report) => !report.ok || report.action !== 'unchanged')) process.exitCode = 1;
} finally {
  await Promise.all([mattermostFake.close(), circuitFake.close(), instanceFake.close()]);
}
