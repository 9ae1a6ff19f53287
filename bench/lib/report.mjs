// Turns one run's raw figures into bench/RESULTS.md, a console summary and bench/results.svg.
import { buckets } from './profile.mjs';
import { fmt, fmtKb, fmtMb, fmtRatio, fmtSpread, median, spread } from './stats.mjs';

const opTitles = { get: 'get one hook', list: 'list a page of 60 hooks', create: 'create a hook' };
const refs = [
  ['fetch', 'fetch'],
  ['http', 'ceiling'],
  ['client4', 'Client4'],
];
const kb = 1024;

/** Medians, ranges and per-round ratios of every figure. */
export function analyze(data) {
  const { rounds, ops, settings } = data;
  const stats = {};
  for (const op of ops) {
    stats[op] = {};
    for (const client of settings.clients) {
      const values = (metric) => rounds.map((round) => round[client]?.[op]?.[metric]);
      const entry = {
        p50: spread(values('p50')),
        p99: spread(values('p99')),
        throughput: spread(values('throughput')),
        cpuPerCall: spread(values('cpuPerCall')),
        serverCpuShare: spread(values('serverCpuShare')),
        ratios: {},
      };
      for (const ref of settings.clients) {
        const ratio = (metric) => spread(rounds.map((round) => round[client]?.[op]?.[metric] / round[ref]?.[op]?.[metric]));
        entry.ratios[ref] = { p50: ratio('p50'), p99: ratio('p99'), throughput: ratio('throughput'), cpuPerCall: ratio('cpuPerCall') };
      }
      stats[op][client] = entry;
    }
  }
  return stats;
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

const ratioWithRange = (s) =>
  s && Number.isFinite(s.median) ? `${s.median.toFixed(2)}×${s.n > 1 ? ` (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : ''}` : '–';

/** Evaluates the targets of issue 11 against this run. */
function targets(data, stats) {
  const rows = [];
  const hooks = (op) => stats[op]?.hooks;
  const has = (id) => data.settings.clients.includes(id);
  if (has('hooks') && has('kyFloor')) {
    for (const op of data.ops) {
      const s = hooks(op).ratios.kyFloor.cpuPerCall;
      rows.push([`client CPU per ${op} call ≤ 1.10× ky (lightest call)`, ratioWithRange(s), s.median <= 1.1 ? 'met' : 'not met']);
    }
  }
  const sizeOf = (name) => data.size.find((entry) => entry.name === name);
  const client4 = sizeOf('@mattermost/client');
  const mattermost = sizeOf('@hooks/mattermost');
  if (mattermost && !mattermost.missing && client4) {
    const limit = Math.min(18 * kb, client4.gzip);
    rows.push([
      `\`import { createMattermost }\` ≤ 18 KB and ≤ Client4 (${fmtKb(client4.gzip)}) min+gzip`,
      fmtKb(mattermost.gzip),
      mattermost.gzip <= limit ? 'met' : 'not met',
    ]);
  }
  const all = sizeOf('@hooks/all');
  if (all && !all.missing) {
    rows.push(['`import { createHooks }` from @hooks/all ≤ 25 KB min+gzip', fmtKb(all.gzip), all.gzip <= 25 * kb ? 'met' : 'not met']);
  }
  const coldHooks = median(data.cold.hooks?.map((entry) => entry.coldMs) ?? []);
  const coldClient4 = median(data.cold.client4?.map((entry) => entry.coldMs) ?? []);
  if (Number.isFinite(coldHooks) && Number.isFinite(coldClient4)) {
    rows.push([
      'cold import + first request ≤ 1.3× Client4',
      `${fmt(coldHooks, 1)} ms vs ${fmt(coldClient4, 1)} ms (${fmtRatio(coldHooks / coldClient4)})`,
      coldHooks <= 1.3 * coldClient4 ? 'met' : 'not met',
    ]);
  }
  const iterate = data.memory.find((entry) => entry.mode === 'iterate');
  if (iterate) {
    rows.push([
      `iterate ${fmt(data.settings.memoryHooks)} hooks with a ${iterate.oldSpaceMb} MB old space`,
      iterate.passed ? `passed, peak heap ${fmtMb(iterate.peakHeap)}` : `failed: ${iterate.error}`,
      iterate.passed ? 'met' : 'not met',
    ]);
  }
  return rows;
}

/**
 * Why a CPU target is where it is: what ky's lightest call costs beside Client4, what ky itself
 * adds once its retry loop and timeouts are on, and what validating the answers costs on ky.
 */
function floorNote(data, stats) {
  const has = (id) => data.settings.clients.includes(id);
  if (!has('kyFloor') || !has('hooks')) return [];
  const ratio = (client, op, ref) => stats[op][client].ratios[ref]?.cpuPerCall.median;
  const list = (client, ref) => data.ops.map((op) => `${ratio(client, op, ref).toFixed(2)}×`).join(' / ');
  const ops = data.ops.join(' / ');
  const lines = [];
  if (has('client4')) {
    lines.push(
      `ky's lightest call (no retries, no timer, no validation: the \`ky (lightest call)\` row) costs ${list('kyFloor', 'client4')} of Client4's CPU per call (${ops}). ` +
        "The gap is ky's own work per call: option merging, its own `Request` and abort signal before fetch builds another.",
      '',
    );
  }
  lines.push(`Why the CPU targets are where they are (CPU per call, medians of per-round ratios, ${ops}):`, '');
  if (has('kyRules')) {
    lines.push(
      `- **ky with the rules** (the \`ky (with the rules)\` row: ky's retry loop on, a per-attempt \`timeout\` and a \`totalTimeout\`, nothing else) costs ${list('kyRules', 'kyFloor')} of ky's lightest call. ` +
        "That is ky's own price for the retry loop and the timeouts that reliability.md requires and ky carries (it clones every request for a possible retry and arms its timers); every client that runs its calls in ky's loop pays it, before any work of its own.",
      ...(has('coreRaw')
        ? [
            `- **The transport alone**, \`@hooks/core transport (no schema)\` (every rule of reliability.md, typed errors, redaction, capped reads, prototype-safe parsing; no validation), costs ${list('coreRaw', 'kyRules')} of ky with the rules.`,
          ]
        : []),
      `- **@hooks/mattermost** costs ${list('hooks', 'kyRules')} of ky with the rules: its own work per call (input checks, the call's budget and error context, the capped read, prototype-safe parsing, validating and mapping the answer to its public type).`,
    );
  }
  if (has('kyValibot')) {
    lines.push(
      `- **Validation.** A list answer is a page of ${data.settings.perPage} hooks, each checked and mapped (two \`Date\`s each). ky + valibot, the straightforward typed stack on ky, costs ${list('kyValibot', 'kyFloor')} of ky's lightest call; ` +
        `@hooks/mattermost costs ${list('hooks', 'kyValibot')} of ky + valibot, so a list call validated on ky cannot come within 1.10× of a call that validates nothing.`,
    );
  }
  lines.push('');
  return lines;
}

/** What the size figures are made of, and the floor a typed client on ky starts from. */
function sizeNote(data) {
  const parts = data.sizeParts ?? [];
  const floor = data.size.find((entry) => entry.name === 'ky + valibot floor');
  const client4 = data.size.find((entry) => entry.name === '@mattermost/client');
  if (parts.length === 0) return [];
  const lines = [
    'What each figure is made of: the same bundle measured again with ky left out, then with ky and valibot left out (gzip of the whole, so each part is its share of the compressed bundle).',
    '',
    table(
      ['import', 'whole', 'ky', 'valibot', '@hooks code'],
      parts.map((part) => [
        `\`import ${part.import} from '${part.name}'\``,
        fmtKb(part.whole),
        `${fmtKb(part.whole - part.withoutKy)} (${fmt(((part.whole - part.withoutKy) / part.whole) * 100)} %)`,
        fmtKb(part.withoutKy - part.ownOnly),
        fmtKb(part.ownOnly),
      ]),
    ),
    '',
  ];
  const mattermost = parts.find((part) => part.name === '@hooks/mattermost');
  if (floor && mattermost && client4) {
    const target = Math.min(18 * kb, client4.gzip);
    lines.push(
      `The floor: \`bench/lib/size-floor.mjs\` is the smallest typed client on ky (ky with its defaults, one valibot object schema of the wire hook, the benchmark's three calls, and nothing else: no input checks, error classes, redaction, pagination or other kinds). It is ${fmtKb(floor.gzip)}, ` +
        `${fmt((floor.gzip / target) * 100)} % of the ${fmtKb(target)} target for \`createMattermost\`, which leaves ${fmtKb(target - floor.gzip)} for everything the client does beyond those three calls; ` +
        `its own code is ${fmtKb(mattermost.ownOnly)} (core's transport, validation and errors, and the Mattermost client with its three kinds and posting).`,
      '',
    );
  }
  return lines;
}

function whereTheTimeGoes(data) {
  const clients = Object.keys(data.profiles);
  if (clients.length === 0) return '_Profiles were skipped in this run (`--quick` or `BENCH_PROFILE_CALLS=0`)._';
  const perCall = (client, us) => us / data.profiles[client].calls;
  const used = buckets.filter((bucket) => clients.some((client) => data.profiles[client].byBucket[bucket] > 0));
  const rows = used.map((bucket) => [bucket, ...clients.map((client) => fmt(perCall(client, data.profiles[client].byBucket[bucket]), 1))]);
  rows.push(['**total**', ...clients.map((client) => `**${fmt(perCall(client, data.profiles[client].total), 1)}**`)]);
  const parts = [
    `CPU self time per \`list\` call (a page of ${data.settings.perPage}), from \`node --cpu-prof\` of one worker per client running ` +
      `${fmt(data.settings.profileCalls)} calls at ${data.settings.inFlight} in flight (warm-up included; sampling adds some overhead to every column). ` +
      '`JSON / natives` is time in V8 builtins without a script (TextDecoder, regular expressions, the microtask queue); ' +
      '`node (other)` is the rest of Node: sockets, streams, timers, AbortSignal, events. ' +
      'JSON.parse is mostly counted in the function that calls it: undici for fetch and Client4 (`response.json()`), ' +
      'core (`parseJson`) for @hooks, the benchmark’s adapter (`benchmark glue`) for ky’s lightest call.',
    '',
    table(['µs per call', ...clients.map((client) => data.labels[client])], rows),
  ];
  const hooks = data.profiles.hooks;
  const fetchProfile = data.profiles.fetch;
  if (hooks && fetchProfile) {
    const diff = (bucket) => perCall('hooks', hooks.byBucket[bucket]) - perCall('fetch', fetchProfile.byBucket[bucket]);
    const extra = perCall('hooks', hooks.total) - perCall('fetch', fetchProfile.total);
    const contributions = used
      .map((bucket) => [bucket, diff(bucket)])
      .filter(([, us]) => Math.abs(us) >= 1)
      .sort((a, b) => b[1] - a[1])
      .map(([bucket, us]) => `${bucket} ${us >= 0 ? '+' : '−'}${fmt(Math.abs(us), 1)} µs`);
    const floor = data.profiles.kyFloor;
    const floorLine = floor
      ? ` Against ky's lightest call (${fmt(perCall('kyFloor', floor.total), 1)} µs), it spends ${fmt(perCall('hooks', hooks.total) - perCall('kyFloor', floor.total), 1)} µs more: ` +
        'that is what core (timers, capped reads, prototype-safe parsing, errors) and the provider (validation and mapping) cost per list call.'
      : '';
    parts.push(
      '',
      `Against bare \`fetch\`, @hooks/mattermost spends ${fmt(extra, 1)} µs more per list call ` +
        `(${fmtRatio(hooks.total / hooks.calls / (fetchProfile.total / fetchProfile.calls))} in this profile): ${contributions.join(', ')}.${floorLine}`,
      '',
      'Its ten most expensive functions (self time per call):',
      '',
      table(
        ['µs', 'where', 'function'],
        hooks.top
          .slice(0, 10)
          .map((entry) => [fmt(perCall('hooks', entry.us), 1), entry.bucket, `\`${entry.name.replaceAll('|', '\\|')}\``]),
      ),
    );
  }
  return parts.join('\n');
}

/** The markdown report and a short console summary. */
export function renderReport(data) {
  const stats = analyze(data);
  const { settings, environment, ops } = data;
  const label = (client) => (client === 'hooks' ? `**${data.labels[client]}**` : data.labels[client]);
  const md = [];
  md.push(
    '# Benchmark results',
    '',
    `Written by \`node bench/run.mjs${settings.quick ? ' --quick' : ''}\` on ${environment.date} UTC; every run rewrites this file.`,
    'Figures are relative: each client runs against the same local server on the same machine in the same run,',
    'so ratios carry over between machines far better than absolute numbers do.',
    '',
    '## Setup',
    '',
    `- Node ${environment.node}, ${environment.cores} cores (${environment.cpu}); ` +
      (environment.pinned
        ? 'the server is pinned to CPU 0 and every client process to CPU 1 (`taskset`).'
        : 'processes are not pinned (no `taskset`, or a single core).'),
    `- Load average before / after the run: ${environment.loadBefore.map((value) => value.toFixed(2)).join(', ')} / ${environment.loadAfter
      .map((value) => value.toFixed(2))
      .join(', ')}; run time ${fmt(environment.seconds)} s.`,
    '- The server answers with bytes captured from the Mattermost fake (`@hooks/mattermost/testing`) after seeding it through the real client, ' +
      'so it does almost no work per request; its CPU share during each throughput phase is in the tables.',
    `- ${settings.rounds} interleaved rounds; in each, every client runs in a fresh process: ${settings.warmup} warm-up calls per operation, ` +
      `then ${settings.latencyCalls} calls one at a time (latency), then ${settings.throughputCalls} calls with ${settings.inFlight} in flight (throughput and ` +
      'client CPU per call from `process.cpuUsage`). Figures are medians across rounds, ranges are min–max; ratios are taken within each round, then the median.',
    '- Every client makes the same three calls: `GET /api/v4/hooks/incoming/{id}`, `GET /api/v4/hooks/incoming?team_id=…&page=0&per_page=60`, ' +
      '`POST /api/v4/hooks/incoming`. ky + valibot and the @hooks/core transport validate each answer with a plain valibot object schema of the wire hook; ' +
      '@hooks/mattermost validates and maps every answer to its public type; node:http, fetch, bare ky and Client4 only parse JSON.',
    '- Ratios: throughput above 1 is faster; latency and CPU below 1 is cheaper. “ceiling” is raw `node:http` with keep-alive.',
    '',
    '## Targets',
    '',
    table(['target', 'this run', 'status'], targets(data, stats)),
    '',
    ...floorNote(data, stats),
    '![Throughput against Client4 and CPU per call against fetch](results.svg)',
    '',
  );
  for (const op of ops) {
    md.push(`## ${opTitles[op]}`, '');
    md.push(
      table(
        ['client', 'p50 µs', 'p99 µs', 'calls/s', 'CPU µs/call', 'server CPU'],
        settings.clients.map((client) => {
          const s = stats[op][client];
          return [
            label(client),
            fmtSpread(s.p50),
            fmtSpread(s.p99),
            fmtSpread(s.throughput),
            fmtSpread(s.cpuPerCall),
            `${fmt(s.serverCpuShare.max * 100)} %`,
          ];
        }),
      ),
      '',
    );
    const present = refs.filter(([ref]) => settings.clients.includes(ref));
    const metrics = [
      ['throughput', 'calls/s'],
      ['cpuPerCall', 'CPU/call'],
      ['p50', 'p50'],
    ];
    md.push(
      table(
        ['ratio to', ...metrics.flatMap(([, name]) => present.map(([, refName]) => `${name} × ${refName}`))],
        settings.clients.map((client) => [
          label(client),
          ...metrics.flatMap(([metric]) => present.map(([ref]) => fmtRatio(stats[op][client].ratios[ref]?.[metric].median))),
        ]),
      ),
      '',
    );
  }

  // Cold start.
  md.push('## Cold start', '');
  const coldClient4 = median(data.cold.client4?.map((entry) => entry.coldMs) ?? []);
  md.push(
    `Import of the package, one client and its first request (\`get\`), in a fresh process each time: median of ${settings.coldSpawns} spawns per client, interleaved. ` +
      'Node loads its fetch implementation the first time anything touches `Request` or `fetch` (about 35 ms here): ky does so while it loads ' +
      '(it probes for request streams), the others during their first request, so compare the totals. “since launch” adds Node’s own start-up.',
    '',
    table(
      ['client', 'import + client', 'first request', 'total', 'since launch', '× Client4'],
      Object.entries(data.cold).map(([client, entries]) => {
        const s = spread(entries.map((entry) => entry.coldMs));
        return [
          label(client),
          `${fmt(median(entries.map((entry) => entry.importMs)), 1)} ms`,
          `${fmt(median(entries.map((entry) => entry.requestMs)), 1)} ms`,
          `${fmtSpread(s, 1)} ms`,
          `${fmt(median(entries.map((entry) => entry.sinceLaunchMs)), 1)} ms`,
          fmtRatio(s.median / coldClient4),
        ];
      }),
    ),
    '',
  );

  if (data.coldSteps) {
    const stepTable = (runs) => {
      if (!runs || runs.length === 0) return [];
      return runs[0].map(([name], index) => [name, `${fmt(median(runs.map((steps) => steps[index][1])), 1)} ms`]);
    };
    const hooksSteps = stepTable(data.coldSteps.hooksSteps);
    const client4Steps = stepTable(data.coldSteps.client4Steps);
    const rows = [];
    for (let index = 0; index < Math.max(hooksSteps.length, client4Steps.length); index++) {
      rows.push([...(hooksSteps[index] ?? ['', '']), ...(client4Steps[index] ?? ['', ''])]);
    }
    md.push(
      `Where the cold start goes: the same start split into steps, each package imported on its own after loading Node's fetch implementation (median of ${data.coldSteps.hooksSteps.length} spawns).`,
      '',
      table(['@hooks/mattermost step', 'ms', 'Client4 step', 'ms'], rows),
      '',
    );
  }

  // Memory.
  md.push('## Memory', '');
  md.push(
    `The server generates ${fmt(settings.memoryHooks)} hooks on the fly, ${settings.memoryPerPage} per page; the client walks them with \`incoming.list()\`, ` +
      'either one at a time (`for await`) or collected with `toArray()`. Peak heap is sampled every 2 ms and after every page. ' +
      'Under a small old space V8 collects far more often, so the same walk takes longer there than with a large heap.',
    '',
    table(
      ['run', 'old space', 'result', 'peak heap', 'max RSS', 'time'],
      data.memory.map((entry) => [
        entry.mode === 'iterate' ? 'iterate (`for await`)' : 'collect all (`toArray`)',
        `${entry.oldSpaceMb} MB`,
        entry.passed ? `pass (${fmt(entry.count)} hooks)` : `fail: ${entry.error}`,
        entry.passed ? fmtMb(entry.peakHeap) : '–',
        entry.passed ? fmtMb(entry.maxRss) : '–',
        entry.passed ? `${fmt(entry.ms / 1000, 1)} s` : '–',
      ]),
    ),
    '',
  );

  // Size.
  md.push('## Size', '');
  const client4Size = data.size.find((entry) => entry.name === '@mattermost/client');
  const kyAlone = data.size.find((entry) => entry.name === 'ky (alone)');
  md.push(
    "What a user pays: the import a user writes (`import { createMattermost } from '@hooks/mattermost'`, …), tree-shaken and bundled " +
      'with everything it pulls in (@hooks/core, ky, valibot), minified, `gzip -9` (`measure()` and `budgets` from tools/size/check.mjs, ' +
      'esbuild, platform neutral). The references are whole packages.' +
      (kyAlone ? ` ky alone is ${fmtKb(kyAlone.gzip)} of every @hooks figure.` : ''),
    '',
    table(
      ['import', 'min', 'min+gzip', '× Client4'],
      data.size.map((entry) => [
        entry.file
          ? `${entry.name} (\`${entry.file}\`)`
          : entry.reference
            ? entry.name
            : `\`import ${entry.import ?? '*'} from '${entry.name}'\``,
        entry.missing ? 'not built' : fmtKb(entry.min),
        entry.missing ? '–' : fmtKb(entry.gzip),
        entry.missing ? '–' : fmtRatio(entry.gzip / client4Size.gzip),
      ]),
    ),
    '',
  );
  md.push(...sizeNote(data));

  md.push('## Where the time goes', '', whereTheTimeGoes(data), '');
  md.push(
    '## Reproduce',
    '',
    '```sh',
    'pnpm run build          # the workspace, once',
    'node bench/run.mjs      # or: npm run bench; --quick for a smoke run',
    'node bench/reconcile.mjs  # the Reconcile section only (run.mjs keeps it as it is)',
    '```',
    '',
    'Counts: `BENCH_ROUNDS`, `BENCH_WARMUP`, `BENCH_LATENCY_CALLS`, `BENCH_THROUGHPUT_CALLS`, `BENCH_IN_FLIGHT`, `BENCH_COLD_SPAWNS`, ' +
      '`BENCH_MEMORY_HOOKS`, `BENCH_MEMORY_PER_PAGE`, `BENCH_MEMORY_OLD_SPACE_MB`, `BENCH_PROFILE_CALLS`, `BENCH_CLIENTS` (comma-separated ids: ' +
      `${Object.keys(data.labels).join(', ')}). Raw figures of the last run: \`bench/.out/results.json\`.`,
    '',
  );

  // Console summary.
  const summary = [];
  if (settings.clients.includes('hooks')) {
    summary.push('@hooks/mattermost, medians across rounds:');
    for (const op of ops) {
      const r = stats[op].hooks.ratios;
      summary.push(
        `  ${op.padEnd(7)} calls/s ×Client4 ${fmtRatio(r.client4?.throughput.median).padStart(6)}  ×fetch ${fmtRatio(r.fetch?.throughput.median).padStart(6)}` +
          `   CPU/call ×fetch ${fmtRatio(r.fetch?.cpuPerCall.median).padStart(6)}  ×Client4 ${fmtRatio(r.client4?.cpuPerCall.median).padStart(6)}`,
      );
    }
  }
  summary.push('Targets:');
  for (const [name, figure, status] of targets(data, stats))
    summary.push(`  ${status === 'met' ? 'met    ' : 'NOT MET'}  ${name}: ${figure}`);
  return { markdown: md.join('\n'), summary: summary.join('\n') };
}

// --- chart --------------------------------------------------------------------------------------

const palette = {
  http: '#9aa5b1',
  fetch: '#52606d',
  ky: '#e6a23c',
  kyFloor: '#f0c987',
  kyRules: '#d9b26f',
  coreRaw: '#9fd3c7',
  kyValibot: '#c27c0e',
  core: '#6cb4a4',
  hooks: '#1f7a5c',
  client4: '#3d6fb6',
};

const escapeXml = (text) => String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A hand-written SVG: two panels of horizontal bars with their min–max whiskers. */
export function renderChart(data) {
  const stats = analyze(data);
  const { ops, settings } = data;
  const clients = settings.clients;
  const panels = [];
  if (clients.includes('client4')) {
    panels.push({
      title: `Throughput at ${settings.inFlight} in flight, × Client4 (higher is better)`,
      ref: 'client4',
      metric: 'throughput',
      lines: [[1, 'Client4']],
    });
  }
  if (clients.includes('fetch')) {
    panels.push({
      title: 'Client CPU per call, × fetch (lower is better)',
      ref: 'fetch',
      metric: 'cpuPerCall',
      lines: [
        [1, 'fetch'],
        [1.5, 'target 1.5×'],
      ],
    });
  }
  const panelWidth = 470;
  const labelWidth = 150;
  const barArea = panelWidth - labelWidth - 60;
  const rowHeight = 15;
  const groupGap = 22;
  const top = 56;
  const groupHeight = clients.length * rowHeight + groupGap;
  const height = top + ops.length * groupHeight + 40;
  const width = panels.length * panelWidth + 20;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="11" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${escapeXml(panels.map((panel) => panel.title).join('; '))}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="600" fill="#1f2933">@hooks/mattermost beside other clients: medians of ${settings.rounds} rounds, whiskers min–max</text>`,
  ];
  panels.forEach((panel, index) => {
    const x0 = 10 + index * panelWidth;
    const values = ops.flatMap((op) => clients.map((client) => stats[op][client].ratios[panel.ref]?.[panel.metric]));
    // The ceiling runs far ahead of everyone else; past 2.5× a bar is cut and ends in an arrow.
    const maxValue = Math.min(2.5, Math.max(1.6, ...values.map((s) => (s && Number.isFinite(s.max) ? s.max : 0))) * 1.05);
    const scale = (value) => (Math.min(value, maxValue) / maxValue) * barArea;
    parts.push(`<text x="${x0}" y="40" font-size="12" font-weight="600" fill="#323f4b">${escapeXml(panel.title)}</text>`);
    const plotTop = top - 6;
    const plotBottom = top + ops.length * groupHeight - groupGap + 4;
    for (const [value, name] of panel.lines) {
      const x = x0 + labelWidth + scale(value);
      parts.push(
        `<line x1="${x.toFixed(1)}" y1="${plotTop}" x2="${x.toFixed(1)}" y2="${plotBottom}" stroke="${value === 1 ? '#7b8794' : '#cf1124'}" stroke-width="1" stroke-dasharray="${value === 1 ? '0' : '4 3'}"/>`,
        `<text x="${(x + 3).toFixed(1)}" y="${plotBottom + 12}" fill="${value === 1 ? '#616e7c' : '#cf1124'}">${escapeXml(name)}</text>`,
      );
    }
    ops.forEach((op, opIndex) => {
      const y0 = top + opIndex * groupHeight;
      parts.push(`<text x="${x0}" y="${y0 - 2}" font-weight="600" fill="#1f2933">${escapeXml(opTitles[op])}</text>`);
      clients.forEach((client, row) => {
        const s = stats[op][client].ratios[panel.ref]?.[panel.metric];
        const y = y0 + 4 + row * rowHeight;
        const bold = client === 'hooks' ? ' font-weight="600"' : '';
        parts.push(
          `<text x="${x0 + labelWidth - 6}" y="${y + 9}" text-anchor="end" fill="#3e4c59"${bold}>${escapeXml(client === 'client4' ? 'Client4' : data.labels[client])}</text>`,
        );
        if (!s || !Number.isFinite(s.median)) return;
        const barX = x0 + labelWidth;
        parts.push(
          `<rect x="${barX}" y="${y}" width="${scale(s.median).toFixed(1)}" height="${rowHeight - 4}" fill="${palette[client] ?? '#888'}"/>`,
        );
        if (s.median > maxValue) {
          const tip = barX + barArea;
          parts.push(
            `<path d="M${tip} ${y - 1} L${tip + 7} ${y + (rowHeight - 4) / 2} L${tip} ${y + rowHeight - 3} Z" fill="${palette[client] ?? '#888'}"/>`,
          );
        }
        if (s.n > 1) {
          const wy = y + (rowHeight - 4) / 2;
          parts.push(
            `<line x1="${(barX + scale(s.min)).toFixed(1)}" y1="${wy}" x2="${(barX + scale(s.max)).toFixed(1)}" y2="${wy}" stroke="#1f2933" stroke-width="1"/>`,
            `<line x1="${(barX + scale(s.min)).toFixed(1)}" y1="${wy - 3}" x2="${(barX + scale(s.min)).toFixed(1)}" y2="${wy + 3}" stroke="#1f2933"/>`,
            `<line x1="${(barX + scale(s.max)).toFixed(1)}" y1="${wy - 3}" x2="${(barX + scale(s.max)).toFixed(1)}" y2="${wy + 3}" stroke="#1f2933"/>`,
          );
        }
        const textX = barX + Math.max(scale(s.median), s.n > 1 ? scale(s.max) : 0) + (s.median > maxValue ? 11 : 4);
        parts.push(`<text x="${textX.toFixed(1)}" y="${y + 9}" fill="#1f2933"${bold}>${s.median.toFixed(2)}×</text>`);
      });
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
