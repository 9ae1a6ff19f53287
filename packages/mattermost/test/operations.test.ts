import { describe, it } from 'vitest';
import { runScenario } from './helpers.js';
import { deliveryScenarios, incomingScenarios, outgoingScenarios, providerScenarios } from './scenarios.js';

const groups = [
  ['incoming webhooks', incomingScenarios],
  ['outgoing webhooks', outgoingScenarios],
  ['deliveries through the fake', deliveryScenarios],
  ['the WebhookProvider adapter', providerScenarios],
] as const;

for (const [group, scenarios] of groups) {
  describe(`mattermost client against the fake: ${group}`, () => {
    for (const scenario of scenarios) it(scenario.name, () => runScenario(scenario));
  });
}
