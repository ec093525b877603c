// «Мои уведомления»: what the notifier sent this guardian in the last 31 days, newest first, with
// each notice's latest delivery status, from its delivery log (GET /me/notifications).
import { api } from '../common/api.js';
import { h, replace } from '../common/dom.js';
import { dateOf, timeOf } from '../common/format.js';
import { CHANNELS } from '../common/words.js';
import type { Child } from './state.js';
import { DELIVERY, NOTICE_TYPES, word } from './words.js';

interface Notice {
  readonly personId: string; readonly type: string; readonly channel: string; readonly status: string;
  readonly late: boolean; readonly eventTimeMs: number;
}
const FAILED = new Set(['failed', 'undelivered']);
/** Notices shown: the API's default page. */
const NOTICES_SHOWN = 50;

export async function renderInbox(root: HTMLElement, children: readonly Child[], zone: string): Promise<void> {
  const { items } = await api<{ items: Notice[] }>('GET', `/me/notifications?limit=${NOTICES_SHOWN}`);
  const names = new Map(children.map((c) => [c.personId, c.displayName]));
  replace(root, h('section', { class: 'card' }, h('h2', null, 'Мои уведомления'),
    items.length === 0 ? h('p', { class: 'lead' }, 'За последний месяц уведомлений не было.')
      : h('ul', { class: 'events' }, ...items.map((n) => h('li', { class: FAILED.has(n.status) ? 'denied' : '' },
        h('time', null, `${dateOf(n.eventTimeMs, zone)}, ${timeOf(n.eventTimeMs, zone)}`), ' ',
        h('span', { class: 'what' }, word(NOTICE_TYPES, n.type)), ' ',
        h('span', { class: 'hint' }, [names.get(n.personId), CHANNELS[n.channel] ?? '—', word(DELIVERY, n.status),
          n.late ? 'с опозданием' : ''].filter((x) => x !== undefined && x !== '').join(' · ')))))));
}
