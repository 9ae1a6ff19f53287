// The @hooks demo: one webhook per service, managed through @hooks/all.
//   npm run demo            (from the repository root; sets everything up first)
//   node examples/demo.mjs  (once built)
//
// With no configuration it starts in-memory fakes of all four services on loopback ports. For any
// service whose credentials are in the environment (see the README), it talks to the real service.
import { createHooks } from '@hooks/all';
import { createCircuitFake } from '@hooks/circuit/testing';
import { createCallbackRecorder } from '@hooks/core/testing';
import { createGoSquaredFake } from '@hooks/gosquared/testing';
import { createInstanceFake } from '@hooks/instance/testing';
import { createMattermostFake } from '@hooks/mattermost/testing';
import { bold, clip, cyan, describeError, dim, green, say, step, table } from './lib/print.mjs';

const env = process.env;
const real = {
  mattermost: Boolean(env.MATTERMOST_URL && env.MATTERMOST_TOKEN && env.MATTERMOST_TEAM_ID && env.MATTERMOST_CHANNEL_ID),
  circuit: Boolean(env.CIRCUIT_TOKEN),
  gosquared: Boolean(env.GOSQUARED_API_KEY && env.GOSQUARED_SITE_TOKEN),
  instance: Boolean(env.CODECHAT_URL && env.CODECHAT_INSTANCE_ID && env.CODECHAT_TOKEN),
};

console.log(bold('@hooks demo: one webhook per service, through one API'));
const started = performance.now();
const fakes = {};
const receiver = await createCallbackRecorder();
const callback = (path) => `${env.HOOKS_DEMO_CALLBACK_URL ?? receiver.url}/${path}`;
const writes = () => Object.values(fakes).reduce((count, fake) => count + fake.log.filter((request) => request.method !== 'GET').length, 0);

try {
  // ── 0. The services ───────────────────────────────────────────────────────────────────────
  const config = await step('Start the services (fakes on loopback unless real credentials are set)', async () => {
    const [mattermost, circuit, gosquared, instance] = await Promise.all([
      real.mattermost ? undefined : createMattermostFake(),
      real.circuit ? undefined : createCircuitFake(),
      real.gosquared ? undefined : createGoSquaredFake(),
      real.instance ? undefined : createInstanceFake(),
    ]);
    Object.assign(fakes, Object.fromEntries(Object.entries({ mattermost, circuit, gosquared, instance }).filter(([, fake]) => fake)));
    const settings = {
      mattermost: real.mattermost
        ? { baseUrl: env.MATTERMOST_URL, token: env.MATTERMOST_TOKEN }
        : { baseUrl: mattermost.url, token: mattermost.token },
      circuit: real.circuit
        ? { token: env.CIRCUIT_TOKEN, ...(env.CIRCUIT_BASE_URL ? { baseUrl: env.CIRCUIT_BASE_URL } : {}) }
        : { token: circuit.token, baseUrl: circuit.baseUrl },
      gosquared: real.gosquared
        ? { apiKey: env.GOSQUARED_API_KEY, siteToken: env.GOSQUARED_SITE_TOKEN }
        : { apiKey: gosquared.apiKey, siteToken: gosquared.siteToken, baseUrl: gosquared.baseUrl },
      instance: real.instance
        ? { baseUrl: env.CODECHAT_URL, instanceId: env.CODECHAT_INSTANCE_ID, token: env.CODECHAT_TOKEN }
        : { ...instance.settings },
    };
    const team = real.mattermost
      ? { teamId: env.MATTERMOST_TEAM_ID, channelId: env.MATTERMOST_CHANNEL_ID }
      : { teamId: mattermost.world.teamId, channelId: mattermost.world.channelId };
    table(Object.keys(settings), [
      ['provider', (id) => id],
      ['service', (id) => (real[id] ? green('real service') : 'fake')],
      ['base URL', (id) => settings[id].baseUrl ?? '(default)'],
    ]);
    say(`receiver for deliveries: ${receiver.url}`);
    return { settings, team };
  });

  // The team scopes Mattermost's listing, so a member or team-admin token works as well as an admin's.
  const hooks = createHooks({ ...config.settings, scopes: { mattermost: { teamId: config.team.teamId } } });
  const { teamId, channelId } = config.team;
  const specs = [
    {
      provider: 'mattermost',
      kind: 'outgoing',
      teamId,
      channelId,
      displayName: 'Deploy notices',
      triggerWords: ['deploy'],
      callbackUrls: [callback('mattermost')],
      contentType: 'application/json',
    },
    { provider: 'circuit', kind: 'webhook', url: callback('circuit'), filter: ['CONVERSATION.ADD_ITEM'] },
    { provider: 'gosquared', url: callback('gosquared'), name: 'Traffic alerts', triggers: [{ trigger: 'traffic_spike', value: 25 }] },
    {
      provider: 'instance',
      name: 'inbox',
      url: callback('codechat'),
      events: { messagesUpsert: true, messagesSet: false, chatsSet: false, contactsSet: false },
    },
  ];
  const showReports = (reports) =>
    table(reports, [
      ['provider', (report) => report.provider],
      ['result', (report) => (report.ok ? report.action : `failed: ${describeError(report.error).split('\n')[0]}`)],
      ['kind', (report) => report.webhook?.kind ?? ''],
      ['id', (report) => report.webhook?.id ?? ''],
    ]);
  const showDiff = (diff = []) =>
    clip(diff.map(({ field, from, to }) => `${field}: ${JSON.stringify(from)} → ${JSON.stringify(to)}`).join('; '), 60);
  // The plan: per spec create, update (with the field diff) or unchanged; nothing is written yet.
  const showPlan = (plan) => {
    table(plan.entries, [
      ['provider', (entry) => entry.provider],
      ['kind', (entry) => entry.kind],
      ['plan', (entry) => entry.action],
      ['changes', (entry) => (entry.action === 'conflict' ? entry.conflict.message : showDiff(entry.diff))],
    ]);
    for (const deletion of plan.deletions) say(`delete ${deletion.provider} ${deletion.kind} ${deletion.webhook.id}`);
    for (const failure of plan.failures) say(`${failure.provider}: not planned: ${failure.error?.message ?? describeError(failure.error)}`);
  };
  // Applies exactly the printed plan (a provider that failed to plan is reported, not guessed at).
  const applyPlan = async (plan) => {
    const report = await hooks.apply(plan);
    const reports = report.results.map((result) => ({ ...result, ok: result.action !== 'failed' && result.action !== 'conflict' }));
    for (const failure of report.failures)
      reports.push(...(failure.indices ?? []).map(() => ({ provider: failure.provider, ok: false, error: failure.error })));
    return reports;
  };

  // ── 1. ensure ─────────────────────────────────────────────────────────────────────────────
  const first = await step('Ensure one webhook per provider, pointing at the local receiver: plan, then apply', async () => {
    // As if an earlier deploy had left Circuit's webhook with another filter: the plan shows the diff.
    if (fakes.circuit) await hooks.create({ ...specs[1], filter: ['CONVERSATION.CREATE'] });
    const plan = await hooks.plan(specs);
    showPlan(plan);
    const reports = await applyPlan(plan);
    showReports(reports);
    return reports;
  });

  // ── 2. list ───────────────────────────────────────────────────────────────────────────────
  await step('List every webhook of every provider, normalized', async () => {
    const { webhooks, failures } = await hooks.list();
    table(webhooks, [
      ['provider', (hook) => hook.provider],
      ['kind', (hook) => hook.kind],
      ['id', (hook) => hook.id],
      ['url', (hook) => clip(hook.urls.join(' '), 44)],
      ['events', (hook) => clip(hook.events.join(','), 34)],
      ['enabled', (hook) => (hook.enabled ? 'yes' : 'no')],
    ]);
    for (const failure of failures) say(`${failure.provider}: ${describeError(failure.error)}`);
  });

  // ── 3. ensure again ───────────────────────────────────────────────────────────────────────
  await step('Ensure the same specs again: the plan says unchanged, nothing is written', async () => {
    const before = writes();
    const plan = await hooks.plan(specs);
    showPlan(plan);
    const reports = await applyPlan(plan);
    showReports(reports);
    const unchanged = reports.filter((report) => report.ok && report.action === 'unchanged').length;
    say(`${unchanged} of ${reports.length} unchanged; write requests at the fakes during this step: ${writes() - before}`);
    if (unchanged !== specs.length || writes() !== before) throw new Error('the second ensure was expected to change nothing');
  });

  // ── 4. deliveries ─────────────────────────────────────────────────────────────────────────
  await step('Each service delivers an event; the receiver prints what it got', async () => {
    const expected = Object.keys(fakes).length;
    if (fakes.mattermost) await fakes.mattermost.emit({ channelId, text: 'deploy api v2.3 to production' });
    if (fakes.circuit)
      await fakes.circuit.emit({ type: 'CONVERSATION.ADD_ITEM', item: { convId: 'demo-conversation', text: { content: 'New item' } } });
    if (fakes.gosquared) await fakes.gosquared.emit({ trigger: 'traffic_spike', concurrents: 42 });
    if (fakes.instance) await fakes.instance.emit({ event: 'messages.upsert', data: { messageId: 'm-1', content: { text: 'hi!' } } });
    const deliveries = await receiver.waitFor(expected, 10_000);
    const summary = (delivery) => {
      const body = delivery.body ?? {};
      if (delivery.path === '/mattermost')
        return `trigger_word=${body.trigger_word} text="${body.text}" token=${body.token ? '(the hook token)' : 'none'}`;
      if (delivery.path === '/circuit') return `type=${body.type} convId=${body.item?.convId}`;
      if (delivery.path === '/gosquared') return `concurrents=${body.concurrents} boundary=${body.triggeredAlert?.boundary}`;
      return `event=${body.event} instance=${delivery.headers['x-instanceid']} message=${body.data?.messageId}`;
    };
    table(deliveries, [
      ['path', (delivery) => delivery.path],
      ['content type', (delivery) => String(delivery.headers['content-type']).split(';')[0]],
      ['what arrived', (delivery) => clip(summary(delivery), 70)],
    ]);
    for (const id of Object.keys(real).filter((provider) => real[provider]))
      say(dim(`${id}: a real service cannot reach this local receiver; skipped`));
  });

  // ── 5. update, delete, and errors as a user meets them ────────────────────────────────────
  await step('Update and delete, and the errors a user would meet', async () => {
    const created = Object.fromEntries(first.filter((report) => report.ok).map((report) => [report.provider, report.webhook]));
    const outgoing = await hooks.update('mattermost', created.mattermost, { triggerWords: ['deploy', 'ship'] });
    say(`mattermost: outgoing hook now triggers on ${outgoing.events.join(', ')} (read, changed, written back whole)`);
    const circuitHook = await hooks.update('circuit', created.circuit, { filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'] });
    say(`circuit: filter is now ${circuitHook.events.join(', ')}`);
    const inbox = await hooks.instance.webhooks.setEvents(created.instance.id, { connectionUpdate: false });
    say(`instance: connectionUpdate is now ${inbox.events.connectionUpdate ? 'on' : 'off'}`);
    await hooks.delete('gosquared', created.gosquared);
    say('gosquared: webhook deleted');

    const badId = await hooks.get('mattermost', { kind: 'incoming', id: '../../users/me' }).catch((error) => error);
    say(`${cyan('a bad id')} → ${describeError(badId)}`);
    const noToken = (() => {
      try {
        return createHooks({ mattermost: { baseUrl: config.settings.mattermost.baseUrl, token: '' } });
      } catch (error) {
        return error;
      }
    })();
    say(`${cyan('a missing token')} → ${describeError(noToken)}`);
    const wrongToken = createHooks({ circuit: { ...config.settings.circuit, token: 'expired-or-wrong-token' } });
    const unauthorized = await wrongToken.circuit.webhooks
      .list()
      .toArray()
      .catch((error) => error);
    say(`${cyan('a wrong token')} → ${describeError(unauthorized)}`);
    const missing = await hooks.get('gosquared', created.gosquared.id).catch((error) => error);
    say(`${cyan('a deleted webhook')} → ${describeError(missing)}`);

    // Leave the services as we found them.
    await Promise.all([
      hooks.delete('mattermost', created.mattermost),
      hooks.delete('circuit', created.circuit),
      hooks.delete('instance', created.instance),
    ]);
    const { webhooks } = await hooks.list();
    say(`cleaned up; webhooks left: ${webhooks.length}`);
  });

  console.log(`\n${green('Done')} in ${(performance.now() - started).toFixed(0)} ms.`);
} finally {
  await receiver.close();
  await Promise.all(Object.values(fakes).map((fake) => fake.close()));
}
