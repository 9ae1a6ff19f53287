// Turns one run of bench/reconcile.mjs into its section of bench/RESULTS.md.
import { cpus, loadavg } from 'node:os';
import { wrapSection } from './section.mjs';

const ms = (value) => `${value} ms`;
const status = (met) => (met ? 'met' : 'not met');
const load = (values) => values.map((value) => value.toFixed(2)).join(', ');

/** The markdown section (markers included) for the figures of one run. */
export function renderReconcile({ mattermost, reference, latency, memory, facade, started, loadBefore, seconds }) {
  const perProvider = Object.entries(facade.requests)
    .map(([id, count]) => `${id} ${count}`)
    .join(', ');
  const alone = Object.entries(facade.planAloneMs)
    .map(([id, value]) => `${id} ${value} ms`)
    .join(', ');
  const body = `
## Reconcile

Written by \`node bench/reconcile.mjs\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC (every case of that script, in one run of ${seconds.toFixed(0)} s); \`node bench/run.mjs\` keeps this section as it is.
Node ${process.version}, ${cpus().length} cores; load average before / after: ${load(loadBefore)} / ${load(loadavg())}. Every fake runs in a process of its own or beside the client on real loopback sockets; the 15 ms of latency is added in the client's \`fetch\`.

| target | this run | status |
| --- | ---: | ---: |
| 100 Mattermost specs over 1 000 hooks: ≤ 6 list requests plus the writes | ${mattermost.firstListRequests} lists + ${mattermost.firstWrites} writes (${mattermost.firstRequests} requests) | ${status(mattermost.firstListRequests <= 6 && mattermost.firstRequests === mattermost.firstListRequests + mattermost.firstWrites)} |
| the same ensure again: only the list requests | ${mattermost.secondRequests} requests, ${mattermost.secondWrites} writes, ${mattermost.secondUnchanged} unchanged | ${status(mattermost.secondWrites === 0 && mattermost.secondRequests === mattermost.secondListRequests)} |
| second ensure of ${facade.specs} specs across the four providers ≤ 3× the critical path | ${ms(facade.wallMs)} against ${ms(facade.criticalPathMs)}: ${facade.ratio}× (best of ${facade.runs}: ${facade.bestRatio}×) | ${status(facade.ratio <= 3)} |
| plan over ${memory.registrations.toLocaleString('en-US')} registrations in a 64 MB old space | peak ${memory.peakMb.toFixed(1)} MB, ${memory.retainedMb.toFixed(1)} MB retained | ${status(memory.peakMb < 64)} |

| case | requests | writes | wall | critical path | notes |
| --- | ---: | ---: | ---: | ---: | --- |
| @hooks/mattermost: ensure 100 incoming hooks in a team of 1 000 | ${mattermost.firstRequests} | ${mattermost.firstWrites} | – | – | ${mattermost.firstListRequests} list pages of 200 |
| … the same ensure again | ${mattermost.secondRequests} | ${mattermost.secondWrites} | – | – | ${mattermost.secondUnchanged} unchanged |
| reference kind: ensure 100 specs over 1 000 | ${reference.firstRequests} | ${reference.firstWrites} | – | – | core's kit over a minimal fake service (pages of 200) |
| … the same ensure again | ${reference.secondRequests} | ${reference.secondWrites} | – | – | ${reference.secondUnchanged} unchanged |
| reference kind: second ensure of ${latency.specs} specs over 4 scopes, 15 ms a request | ${latency.requests} | 0 | ${ms(latency.wallMs)} | ${ms(latency.criticalPathMs)} | ${(latency.wallMs / latency.criticalPathMs).toFixed(2)}× |
| facade (\`hooks.ensure\`): second ensure of ${facade.specs} specs across the four providers, 15 ms a request | ${facade.totalRequests} | ${facade.writes} | ${ms(facade.wallMs)} (median of ${facade.runs}; best ${ms(facade.bestWallMs)}) | ${ms(facade.criticalPathMs)} | ${perProvider}; client CPU ${ms(facade.clientCpuMs)} per ensure; each provider's plan alone: ${alone} |
| plan over ${memory.registrations.toLocaleString('en-US')} registrations, old space capped at 64 MB | ${Math.ceil(memory.registrations / 200)} pages | 0 | ${ms(memory.wallMs)} | – | old space ${memory.beforeMb.toFixed(1)} MB before, peak ${memory.peakMb.toFixed(1)} MB; ${memory.entries} entries, ${memory.unchanged} unchanged |

The critical path is the longest chain of requests that must run one after another: each scope's list pages in turn (scopes and providers run at once), plus one step where a provider must read something for each listed item. GoSquared lists webhooks without their triggers, so each webhook's triggers are read after the list: independent reads, counted as one step, which @hooks/gosquared runs 16 at a time (40 webhooks: three rounds after the list, so 4 × 15 ms is the floor of this client). The facade's fakes run in a child process, so their work is not counted as the client's. The client's own CPU per ensure (in the notes: about 1 ms per request, mostly the transport: ky, undici, parsing) is of the order of the critical path itself, so on a loaded machine it, not the latency, sets most of the wall time; reading every webhook's triggers at once instead of 16 at a time does not change the ratio measurably here.
`;
  return wrapSection('reconcile', body);
}
