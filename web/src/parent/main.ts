// The parents' portal, «Посещение и питание» (docs/console.md): for each child the guardian may
// see, the day (entries, exits, purchases, balance) and its history by date, the account with its
// top-ups and (for a parent) its limits, the child's cards with «Заблокировать», trusted persons,
// notification settings with Web Push on this browser, and the delivery log. Phone first: one
// column, tabs that wrap; the tab is kept in the address (#day, #account...) so a reload stays put.
import { api } from '../common/api.js';
import { byId, field, h, notice, replace, tabKeys } from '../common/dom.js';
import { startPage } from '../common/shell.js';
import { renderAccount } from './account.js';
import { renderCards } from './cards.js';
import { renderDay } from './day.js';
import { renderInbox } from './inbox.js';
import { renderNotify, SW_SCOPE } from './notify.js';
import { isParent, showFailure, type Child } from './state.js';
import { receivedInvitations, renderTrusted, type Invitations } from './trusted.js';

interface Tab {
  readonly id: string; readonly title: string; readonly parentOnly: boolean;
  draw(root: HTMLElement, c: Child, all: readonly Child[]): void | Promise<void>;
}
const TABS: readonly Tab[] = [
  { id: 'day', title: 'День', parentOnly: false, draw: (r, c) => renderDay(r, c) },
  { id: 'account', title: 'Счёт', parentOnly: false, draw: (r, c) => renderAccount(r, c) },
  { id: 'cards', title: 'Карты', parentOnly: true, draw: (r, c) => renderCards(r, c) },
  { id: 'trusted', title: 'Доверенные лица', parentOnly: true, draw: (r, c) => renderTrusted(r, c) },
  { id: 'notify', title: 'Уведомления', parentOnly: false, draw: (r, c) => renderNotify(r, c, c.timeZone) },
  { id: 'inbox', title: 'Мои уведомления', parentOnly: false, draw: (r, c, all) => renderInbox(r, all, c.timeZone) },
];
/** Where the chosen child is kept between visits (an id, never a name). */
const CHILD_KEY = 'tapgate.parent.child';

async function render(main: HTMLElement): Promise<void> {
  // The service worker makes the portal installable and receives Web Push; a browser without one still works.
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js', { scope: SW_SCOPE }).catch(() => undefined);
  const [{ items: children }, invitations] = await Promise.all([
    api<{ items: Child[] }>('GET', '/me/children'), api<Invitations>('GET', '/me/invitations')]);
  const invited = receivedInvitations(invitations.received, () => location.reload());
  if (children.length === 0) {
    replace(main, invited, notice('info', 'К вашему телефону пока не привязан ни один ребёнок. Школа привязывает родителей по заявлению; '
      + 'доверенное лицо видит ребёнка после того, как примет приглашение родителя.'));
    return;
  }
  const stored = localStorage.getItem(CHILD_KEY);
  let child = children.find((c) => c.personId === stored) ?? children[0]!;
  const head = h('div', { class: 'child-head' });
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Разделы' });
  const panel = h('div', { id: 'panel', role: 'tabpanel', tabindex: '-1' });
  tabKeys(tabs);
  replace(main, invited, head, tabs, panel);
  const show = () => {
    const visible = TABS.filter((t) => !t.parentOnly || isParent(child));
    const wanted = location.hash.slice(1);
    const tab = visible.find((t) => t.id === wanted) ?? visible[0]!;
    // The tabs are drawn anew: a keyboard user who opened one keeps the focus on it.
    const hadFocus = tabs.contains(document.activeElement);
    replace(tabs, ...visible.map((t) => h('button', { type: 'button', role: 'tab', 'aria-selected': t.id === tab.id ? 'true' : 'false',
      'aria-controls': 'panel', onclick: () => { history.replaceState(null, '', `#${t.id}`); show(); } }, t.title)));
    if (hadFocus) tabs.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
    replace(panel, h('p', { class: 'loading', role: 'status' }, 'Загрузка…'));
    Promise.resolve(tab.draw(panel, child, children)).catch((err: unknown) => showFailure(panel, err, 'Не удалось загрузить раздел.'));
  };
  const chooser = children.length < 2 ? null : h('select', { name: 'child' }, ...children.map((c) =>
    h('option', { value: c.personId, selected: c.personId === child.personId }, c.displayName)));
  chooser?.addEventListener('change', () => {
    child = children.find((c) => c.personId === chooser.value) ?? child;
    localStorage.setItem(CHILD_KEY, child.personId);
    drawHead();
    show();
  });
  const drawHead = () => replace(head, chooser === null ? null : field('Ребёнок', chooser),
    h('p', { class: 'child-name' }, h('strong', null, child.displayName), child.className === '' ? null : `, ${child.className} класс`),
    h('p', { class: 'hint' }, `${child.schoolName}${isParent(child) ? '' : ' · вы — доверенное лицо'}`));
  drawHead();
  addEventListener('hashchange', show);
  show();
}

await startPage({ title: 'Посещение и питание', roles: ['guardian'], render });
// Focus moves to the content for keyboard and screen-reader users once the page is drawn.
byId('main').focus();
