// Captures the exact answers of the three benchmarked calls from the Mattermost fake: starts it,
// seeds it with hooks through the real client, then records status, headers and body bytes of
// one `GET /hooks/incoming/{id}`, one page of `GET /hooks/incoming` and one `POST /hooks/incoming`.
import { request as httpRequest } from 'node:http';
import { createMattermost } from '@hooks/mattermost';
import { createMattermostFake } from '@hooks/mattermost/testing';

/** Sends one request over a fresh connection and keeps the answer as it came. */
function raw(url, { method = 'GET', token, body }) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    const request = httpRequest(url, { method, headers, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const headerPairs = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2)
          headerPairs.push([response.rawHeaders[i].toLowerCase(), response.rawHeaders[i + 1]]);
        resolve({ status: response.statusCode, headers: headerPairs, body: Buffer.concat(chunks).toString('base64') });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * @param {{ perPage: number }} options
 * @returns the three answers and what a client needs to ask for them
 */
export async function captureFixtures({ perPage }) {
  const fake = await createMattermostFake();
  try {
    const { teamId, channelId } = fake.world;
    const client = createMattermost({ baseUrl: fake.url, token: fake.token, retry: 0 });
    const created = [];
    for (let i = 0; i < perPage + 5; i++) {
      created.push(
        await client.incoming.create({
          channelId,
          displayName: `Deploy notices ${i + 1}`,
          description: `Posts from the release pipeline of service number ${i + 1}`,
        }),
      );
    }
    const hookId = created[0].id;
    const api = `${fake.url}/api/v4/hooks/incoming`;
    const get = await raw(`${api}/${hookId}`, { token: fake.token });
    const list = await raw(`${api}?team_id=${teamId}&page=0&per_page=${perPage}`, { token: fake.token });
    const create = await raw(api, {
      method: 'POST',
      token: fake.token,
      body: { channel_id: channelId, display_name: 'Bench hook', description: 'Created by the benchmark' },
    });
    for (const [name, answer] of Object.entries({ get, list, create })) {
      if (answer.status >= 300) throw new Error(`capturing ${name}: the fake answered ${answer.status}`);
    }
    const listed = JSON.parse(Buffer.from(list.body, 'base64').toString('utf8'));
    if (!Array.isArray(listed) || listed.length !== perPage) throw new Error(`capturing list: expected ${perPage} hooks`);
    return { get, list, create, target: { token: fake.token, hookId, teamId, channelId, perPage } };
  } finally {
    await fake.close();
  }
}
