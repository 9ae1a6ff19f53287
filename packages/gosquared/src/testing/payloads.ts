/**
 * What the GoSquared fake POSTs to callback URLs: the payloads GoSquared documents for traffic
 * spikes and dips, Smart Group enter/exit and chat messages, and which triggers an event fires.
 *
 * @module
 */
import type { GoSquaredFakeEvent, GoSquaredFakeTrigger } from './types.js';

/** The payload GoSquared POSTs for `event` and a matching trigger (shapes from its docs and fixtures). */
export function payload(event: GoSquaredFakeEvent, trigger: GoSquaredFakeTrigger, siteToken: string, at: number): Record<string, unknown> {
  const iso = new Date(at).toISOString();
  const person = (extra: Record<string, unknown> | undefined, groups: string[]) => ({
    id: '123456',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    smart_groups: groups,
    created_at: iso,
    online: true,
    events: { last: at },
    ...extra,
  });
  switch (event.trigger) {
    case 'traffic_spike':
    case 'traffic_dip': {
      const visitors = event.concurrents;
      return {
        triggeredAlert: {
          id: trigger.id,
          boundary: event.trigger === 'traffic_spike' ? 'upper' : 'lower',
          value: String(trigger.value),
          type: 'concurrents',
        },
        siteDetails: {
          user_id: 81923,
          acct: siteToken,
          email: 'owner@example.com',
          first_name: 'Site',
          last_name: 'Owner',
          site_name: 'https://example.com/',
          domain: 'example.com',
          url: 'https://example.com/',
          timezone: 'UTC',
        },
        snapshot: {
          time: { time: at, local: iso },
          concurrents: { visitors, returning: 0, pages: 0, active: visitors, tagged: 0 },
          timeSeries: { 'visitors.total': [{ time: iso, value: visitors }] },
          pages: { list: [], cardinality: 0 },
          sources: { direct: 0, site: {}, social: {}, organic: {}, internal: {} },
          engagement: { timeOnSite: {}, visitDepth: {} },
        },
        concurrents: visitors,
      };
    }
    case 'entered_smart_group':
    case 'exited_smart_group': {
      const enter = event.trigger === 'entered_smart_group';
      return {
        group: { id: event.groupId, name: event.groupName ?? event.groupId },
        boundary: enter ? 'enter' : 'exit',
        person: person(event.person, enter ? [event.groupId] : []),
      };
    }
    case 'chat_message': {
      const who = person(event.person, []);
      const extra = typeof event.message === 'string' ? { content: event.message } : event.message;
      return {
        site_token: siteToken,
        timestamp: iso,
        version: '0.0.1',
        person: who,
        message: {
          id: `m${at.toString(36)}${trigger.id}`,
          content: 'Hello!',
          from: 'client',
          type: 'message',
          timestamp: at,
          private: false,
          session: { title: 'Home', href: 'https://example.com/' },
          person_id: who.id,
          data: {},
          entities: [],
          ...extra,
        },
      };
    }
  }
}

/** Whether `event` fires `trigger`. */
export function matches(event: GoSquaredFakeEvent, trigger: GoSquaredFakeTrigger): boolean {
  if (trigger.trigger !== event.trigger) return false;
  switch (event.trigger) {
    case 'traffic_spike':
      return event.concurrents >= Number(trigger.value);
    case 'traffic_dip':
      return event.concurrents <= Number(trigger.value);
    case 'entered_smart_group':
    case 'exited_smart_group':
      return String(trigger.value) === event.groupId;
    default:
      return true;
  }
}
