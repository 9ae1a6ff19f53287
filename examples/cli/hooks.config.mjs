// The webhooks an app needs, as code. `hooks plan` prints the diff, `hooks apply` makes it so.
// Secrets come from the environment; nothing here is secret.
import { defineConfig } from '@hooks/cli';

const app = process.env.APP_URL ?? 'https://bot.example.com';

export default defineConfig({
  providers: {
    circuit: { token: process.env.CIRCUIT_TOKEN, ...(process.env.CIRCUIT_BASE_URL ? { baseUrl: process.env.CIRCUIT_BASE_URL } : {}) },
    gosquared: {
      apiKey: process.env.GOSQUARED_API_KEY,
      siteToken: process.env.GOSQUARED_SITE_TOKEN,
      ...(process.env.GOSQUARED_BASE_URL ? { baseUrl: process.env.GOSQUARED_BASE_URL } : {}),
    },
  },
  specs: [
    {
      provider: 'circuit',
      kind: 'webhook',
      url: `${app}/hooks/circuit/items`,
      filter: ['CONVERSATION.ADD_ITEM', 'CONVERSATION.UPDATE_ITEM'],
    },
    { provider: 'circuit', kind: 'webhook', url: `${app}/hooks/circuit/users`, filter: ['USER.SUBMIT_FORM_DATA'] },
    { provider: 'gosquared', url: `${app}/hooks/gosquared`, name: 'Traffic', triggers: [{ trigger: 'traffic_spike', value: 50 }] },
  ],
  // Registrations under this prefix that no spec wants are deleted; nothing else is touched.
  prune: { urlPrefix: `${app}/hooks/` },
});
