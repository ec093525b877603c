// Notification settings: which events about the child reach this guardian and by which channel
// (PUT /me/children/:id/preferences; digests go by e-mail only), the e-mail address (PUT
// /me/email), and Web Push on this browser: the service worker /sw.js, the notifier's VAPID key
// (GET /push/vapid-public-key), PushManager.subscribe and POST /me/push-subscriptions; the
// subscribed browsers are listed and can be removed.
import { api } from '../common/api.js';
import { field, h, notice, replace } from '../common/dom.js';
import { dateOf } from '../common/format.js';
import { CHANNELS, EVENTS } from '../common/words.js';
import { busy, failureText, may, type Child } from './state.js';

interface Subscription { readonly event: string; readonly channels: readonly string[] }
interface Preferences {
  readonly subscriptions: readonly Subscription[]; readonly lowBalanceThresholdKop: number | null; readonly quietHours: unknown;
}
/** The grant each event reports from (core/notify-rules.ts EVENT_SCOPE): others are not offered. */
const EVENT_SCOPE: Readonly<Record<string, string>> = {
  entry_exit: 'passes', buffet: 'purchases', hot_meal: 'purchases', subsidised_meal: 'purchases',
  top_up: 'balance', low_balance: 'balance', daily_digest: 'passes', weekly_digest: 'passes',
};
const DIGESTS = new Set(['daily_digest', 'weekly_digest']);
/** Where this browser keeps the id of its own push subscription, to mark it in the list. */
const PUSH_ID_KEY = 'tapgate.push.subscription';
/** The service worker's scope: the portal only. */
export const SW_SCOPE = '/parent';

export async function renderNotify(root: HTMLElement, child: Child, zone: string): Promise<void> {
  const prefsBox = h('section', { class: 'card' }, h('h2', null, 'О чём сообщать'));
  const emailBox = h('section', { class: 'card' }, h('h2', null, 'Электронная почта'));
  const pushBox = h('section', { class: 'card' }, h('h2', null, 'Push-уведомления на этом устройстве'));
  replace(root, prefsBox, pushBox, emailBox);
  const [prefs, me] = await Promise.all([
    api<Preferences>('GET', `/me/children/${encodeURIComponent(child.personId)}/preferences`),
    api<{ email: string }>('GET', '/me'),
  ]);
  prefsBox.append(prefsForm(child, prefs));
  emailBox.append(emailForm(me.email));
  await pushSection(pushBox, zone);
}

function prefsForm(child: Child, prefs: Preferences): HTMLElement {
  const events = Object.keys(EVENTS).filter((e) => may(child, EVENT_SCOPE[e] ?? ''));
  const chosen = new Map(prefs.subscriptions.map((s) => [s.event, new Set(s.channels)]));
  const channels = Object.keys(CHANNELS);
  const box = (e: string, c: string) => (DIGESTS.has(e) && c !== 'email' ? '—'
    : h('input', { type: 'checkbox', name: `${e}:${c}`, 'aria-label': `${EVENTS[e]}: ${CHANNELS[c]}`, checked: chosen.get(e)?.has(c) ?? false }));
  const rows = events.map((e) => h('tr', null, h('th', { scope: 'row' }, EVENTS[e] ?? e),
    ...channels.map((c) => h('td', { class: 'center' }, box(e, c)))));
  const status = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'submit' }, 'Сохранить');
  const form = h('form', null, h('p', { class: 'lead' }, `Ребёнок: ${child.displayName}. Сводки приходят только по почте.`),
    h('div', { class: 'scroll' }, h('table', { class: 'prefs' }, h('thead', null, h('tr', null, h('th', null, 'Событие'),
      ...channels.map((c) => h('th', { scope: 'col', class: 'center' }, CHANNELS[c] ?? c)))), h('tbody', null, ...rows))), save, status);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void busy(save, async () => {
      const subscriptions = events.map((e) => ({ event: e, channels: channels.filter((c) =>
        form.querySelector<HTMLInputElement>(`input[name="${e}:${c}"]`)?.checked === true) })).filter((s) => s.channels.length > 0);
      try {
        await api('PUT', `/me/children/${encodeURIComponent(child.personId)}/preferences`,
          { subscriptions, lowBalanceThresholdKop: prefs.lowBalanceThresholdKop, quietHours: prefs.quietHours });
        replace(status, notice('ok', 'Сохранено.'));
      } catch (err) {
        replace(status, notice('error', failureText(err, 'Не удалось сохранить.')));
      }
    });
  });
  return form;
}

function emailForm(current: string): HTMLElement {
  const email = h('input', { type: 'email', name: 'email', value: current, autocomplete: 'email' });
  const status = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'submit' }, 'Сохранить адрес');
  const form = h('form', { novalidate: true },
    field('Адрес для уведомлений и сводок', email, 'Пусто — не писать на почту'), save, status);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void busy(save, async () => {
      try {
        await api('PUT', '/me/email', { email: email.value.trim() === '' ? null : email.value.trim() });
        replace(status, notice('ok', 'Адрес сохранён.'));
      } catch (err) {
        replace(status, notice('error', failureText(err, 'Проверьте адрес почты.')));
      }
    });
  });
  return form;
}

async function pushSection(box: HTMLElement, zone: string): Promise<void> {
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', null);
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) {
    box.append(notice('info', 'Этот браузер не умеет получать push-уведомления. Выберите почту или SMS.'));
    return;
  }
  const { publicKey } = await api<{ publicKey: string | null }>('GET', '/push/vapid-public-key');
  if (publicKey === null) {
    box.append(notice('info', 'Push-уведомления на этом сервере пока не настроены.'));
    return;
  }
  const on = h('button', { type: 'button' }, 'Включить на этом устройстве');
  on.addEventListener('click', () => void busy(on, async () => {
    try {
      replace(status, notice('info', await subscribe(publicKey)));
    } catch (err) {
      replace(status, notice('error', failureText(err, 'Не удалось подписаться: браузер не смог связаться со службой уведомлений.')));
    }
    await listSubscriptions(list, zone, status);
  }));
  box.append(h('p', { class: 'lead' }, 'Уведомления придут, даже когда страница закрыта.'), on, status,
    h('h3', null, 'Подписанные устройства'), list);
  await listSubscriptions(list, zone, status);
}

/** Subscribes this browser and tells the API; the answer is the text for the person. */
async function subscribe(publicKey: string): Promise<string> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'Уведомления запрещены в настройках браузера для этого сайта.';
  await navigator.serviceWorker.register('/sw.js', { scope: SW_SCOPE });
  const reg = await navigator.serviceWorker.ready;
  const key = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  const made = await api<{ id: string }>('POST', '/me/push-subscriptions', sub.toJSON());
  localStorage.setItem(PUSH_ID_KEY, made.id);
  return 'Готово: это устройство подписано.';
}

async function listSubscriptions(list: HTMLElement, zone: string, status: HTMLElement): Promise<void> {
  const { items } = await api<{ items: Array<{ id: string; createdAtMs: number }> }>('GET', '/me/push-subscriptions');
  const here = localStorage.getItem(PUSH_ID_KEY);
  replace(list, items.length === 0 ? h('p', { class: 'lead' }, 'Ни одно устройство не подписано.')
    : h('ul', { class: 'rows' }, ...items.map((s) => {
      const off = h('button', { type: 'button', class: 'secondary' }, 'Отписать');
      off.addEventListener('click', () => void busy(off, async () => {
        try {
          await api('DELETE', `/me/push-subscriptions/${encodeURIComponent(s.id)}`);
          if (s.id === here) await unsubscribeHere();
          replace(status, notice('ok', 'Устройство отписано.'));
        } catch (err) {
          replace(status, notice('error', failureText(err, 'Не удалось отписать.')));
        }
        await listSubscriptions(list, zone, status);
      }));
      return h('li', { class: 'card-row' }, h('span', { class: 'what' }, s.id === here ? 'Это устройство' : 'Другое устройство'), ' ',
        h('span', { class: 'hint' }, `подписано ${dateOf(s.createdAtMs, zone)}`), off);
    })));
}

async function unsubscribeHere(): Promise<void> {
  localStorage.removeItem(PUSH_ID_KEY);
  const reg = await navigator.serviceWorker.getRegistration(SW_SCOPE);
  await (await reg?.pushManager.getSubscription())?.unsubscribe();
}
