// The guard's desk (docs/console.md "Guard's desk"): the school picked from the session's schools
// (a city administrator picks from all), the live feed of passes pushed by the server
// (feed.ts), the headcount by class and staff (read from the API, then kept current from the
// feed), and the evacuation roll-call with «на месте» marks (kept in this browser for the day,
// marks.ts; a mark lasts while its person stays inside) and a printable list of who is still
// missing. Sized for a desk monitor first; on a phone the panels stack.
import { api, ApiFailure, toSignIn, type Session } from '../common/api.js';
import { h, notice, replace, tabKeys } from '../common/dom.js';
import { dateOf, isoDateOf, timeOf } from '../common/format.js';
import { DIRECTION_EXIT, VERDICT_ALLOW } from '../common/words.js';
import { startPage } from '../common/shell.js';
import { Feed, type FeedState, type Pass } from './feed.js';
import { RollCallMarks } from './marks.js';
import { groupsOf, headcountPanel, passKey, passRow, rollCallPanel, type Inside } from './view.js';

/** Pass rows kept on the page; older ones fall off the bottom. */
const PASS_ROWS_MAX = 100;
/** Schools listed for a city administrator, at most (the API's page limit). */
const SCHOOLS_MAX = 1000;

interface SchoolView { readonly id: string; readonly name: string; readonly timeZone: string }
interface Named { readonly id: string; readonly displayName: string }
interface Headcount {
  readonly byClass: ReadonlyArray<{ readonly className: string; readonly persons: readonly Named[] }>;
  readonly staffInside: readonly Named[];
}

const STATE_TEXT: Readonly<Record<FeedState, string>> = {
  connecting: 'Подключение…', live: 'На связи', lost: 'Нет связи, переподключение…',
};

async function schoolsOf(session: Session): Promise<SchoolView[]> {
  let listed: SchoolView[] = [];
  try {
    listed = (await api<{ items: SchoolView[] }>('GET', `/schools?limit=${SCHOOLS_MAX}`)).items;
  } catch (err) {
    if (!(err instanceof ApiFailure) || session.role === 'city_admin') throw err;
  }
  if (session.role === 'city_admin') return listed;
  // A guard's schools are the session's; the list gives their names when it can.
  return session.schoolIds.map((id) => listed.find((s) => s.id === id) ?? { id, name: id, timeZone: 'Europe/Moscow' });
}

/** Who is inside, from the headcount route. */
function insideOf(hc: Headcount): Map<string, Inside> {
  const inside = new Map<string, Inside>();
  for (const c of hc.byClass) {
    for (const p of c.persons) inside.set(p.id, { id: p.id, displayName: p.displayName, className: c.className, kind: 'pupil' });
  }
  for (const p of hc.staffInside) inside.set(p.id, { id: p.id, displayName: p.displayName, className: '', kind: 'staff' });
  return inside;
}

/**
 * An allowed entry puts the person inside, an allowed exit takes them out; a refusal changes
 * nothing. Returns whether the pass took someone out.
 */
function applyPass(inside: Map<string, Inside>, p: Pass): boolean {
  if (p.verdict !== VERDICT_ALLOW || p.personId === '') return false;
  if (p.direction === DIRECTION_EXIT) { inside.delete(p.personId); return true; }
  inside.set(p.personId, { id: p.personId, displayName: p.displayName, className: p.className,
    kind: p.personKind === 'staff' ? 'staff' : 'pupil' });
  return false;
}

type View = 'feed' | 'rollcall';

/** The desk's elements, drawn once per school; the parts are filled in as data comes. */
function layout(root: HTMLElement, onView: (v: View) => void) {
  const status = h('p', { class: 'desk-state', role: 'status', 'data-state': 'connecting' }, STATE_TEXT.connecting);
  const passes = h('ol', { class: 'desk-passes', 'aria-live': 'polite', 'aria-label': 'Проходы' });
  const empty = h('p', { class: 'lead desk-empty' }, 'Проходов пока нет: новые появятся здесь сами.');
  const backlogError = h('div', { class: 'desk-backlog-error' });
  const count = h('section', { class: 'desk-count card', 'aria-label': 'Сейчас в здании' });
  const countError = h('div', { class: 'desk-count-error' });
  const live = h('div', { class: 'desk-live' },
    h('section', { class: 'desk-feed' }, h('h2', null, 'Проходы'), backlogError, empty, passes),
    h('div', null, countError, count));
  const roll = h('section', { class: 'desk-rollcall', hidden: true });
  const printList = h('section', { class: 'desk-print' });
  const tab = (id: View, label: string) => h('button', { type: 'button', role: 'tab', 'aria-selected': String(id === 'feed'),
    'data-view': id, class: 'secondary', onclick: () => onView(id) }, label);
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Разделы' },
    tab('feed', 'Лента и численность'), tab('rollcall', 'Перекличка'));
  tabKeys(tabs);
  replace(root, h('div', { class: 'desk-toolbar' }, tabs, status), live, roll, printList);
  return { status, passes, empty, backlogError, count, countError, live, roll, printList, tabs };
}

/** One school's desk: its feed, headcount and roll-call, drawn into `root`. Returns its stop. */
function openDesk(root: HTMLElement, school: SchoolView): () => void {
  let inside = new Map<string, Inside>();
  const marked = new RollCallMarks(school.id);
  let view: View = 'feed';
  let loaded = false;
  const el = layout(root, (v) => { view = v; draw(); });
  const today = () => isoDateOf(Date.now(), school.timeZone);
  const toggle = (id: string, on: boolean) => { marked.at(today()).set(id, on); draw(); };
  const clear = () => { marked.at(today()).clear(); draw(); };

  let drawPending = false;
  function draw(): void {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(() => {
      drawPending = false;
      for (const b of el.tabs.querySelectorAll('button')) b.setAttribute('aria-selected', String(b.dataset['view'] === view));
      el.live.hidden = view !== 'feed';
      el.roll.hidden = view !== 'rollcall';
      const groups = groupsOf(inside.values());
      headcountPanel(el.count, groups);
      el.count.dataset['loaded'] = String(loaded);
      // The roll-call lists everyone inside (thousands of rows): drawn only while it is shown,
      // and before printing, not on every batch of the live feed.
      if (view === 'rollcall') drawRollCall(groups);
    });
  }

  function drawRollCall(groups = groupsOf(inside.values())): void {
    const now = Date.now();
    rollCallPanel(el.roll, el.printList, { groups, marked: marked.at(isoDateOf(now, school.timeZone)), toggle, clear },
      `${school.name}, ${dateOf(now, school.timeZone)}, ${timeOf(now, school.timeZone)}`);
  }
  const beforePrint = () => drawRollCall();
  window.addEventListener('beforeprint', beforePrint);
  const unwatch = marked.at(today()).watch(draw);

  async function readHeadcount(): Promise<void> {
    try {
      inside = insideOf(await api<Headcount>('GET', `/schools/${encodeURIComponent(school.id)}/headcount`));
      marked.at(today()).keepOnly(inside);
      loaded = true;
      replace(el.countError);
    } catch (err) {
      replace(el.countError, notice('error', `Численность не загружена: ${err instanceof ApiFailure ? err.text : 'ошибка'}`));
    }
    draw();
  }

  /** Keys of the pass rows on the page: a pass read back and pushed live shows once. */
  const shown = new Set<string>();
  function trimRows(): void {
    while (el.passes.childElementCount > PASS_ROWS_MAX) {
      const last = el.passes.lastElementChild as HTMLElement;
      shown.delete(last.dataset['key'] ?? '');
      last.remove();
    }
    el.empty.hidden = el.passes.childElementCount > 0;
  }

  function onPasses(batch: readonly Pass[]): void {
    for (const p of batch) {
      // A mark is for this stay inside: whoever goes out is unmarked when back.
      if (applyPass(inside, p) && marked.has(p.personId)) marked.at(today()).set(p.personId, false);
      if (shown.has(passKey(p))) continue;
      shown.add(passKey(p));
      el.passes.prepend(passRow(p, school.timeZone));
    }
    trimRows();
    draw();
  }

  /**
   * Today's latest passes, read back when the feed is (re)connected: the ones before the page was
   * opened, or during a gap. Each goes in its place by time; the headcount is read on its own.
   */
  async function readBacklog(): Promise<void> {
    let items: Pass[];
    try {
      items = (await api<{ items: Pass[] }>('GET', `/schools/${encodeURIComponent(school.id)}/passes?limit=${PASS_ROWS_MAX}`)).items;
      replace(el.backlogError);
    } catch (err) {
      replace(el.backlogError, notice('info', `Проходы до открытия страницы не загружены: ${err instanceof ApiFailure ? err.text : 'ошибка'}`));
      return;
    }
    for (const p of items) {
      if (shown.has(passKey(p))) continue;
      let before: Element | null = el.passes.firstElementChild;
      while (before !== null && Number((before as HTMLElement).dataset['decidedAt']) >= p.decidedAtMs) before = before.nextElementSibling;
      if (before === null && el.passes.childElementCount >= PASS_ROWS_MAX) continue;
      shown.add(passKey(p));
      // Marked as read back, not pushed live (the console benchmark measures the live feed only).
      const row = passRow(p, school.timeZone);
      row.dataset['source'] = 'history';
      el.passes.insertBefore(row, before);
    }
    trimRows();
  }

  const feed = new Feed(school.id, {
    onPasses,
    onResync: () => { void readHeadcount(); void readBacklog(); },
    onState: (s) => { el.status.dataset['state'] = s; el.status.textContent = STATE_TEXT[s]; },
    // No session any more: to the sign-in page; otherwise keep retrying (the server may be restarting).
    onRefused: () => void api<unknown>('GET', '/session', undefined, { noRedirect: true })
      .then((s) => { if (s === undefined) toSignIn(); }, () => undefined),
  });
  feed.start();
  draw();
  return () => { feed.stop(); window.removeEventListener('beforeprint', beforePrint); unwatch(); };
}

async function render(main: HTMLElement, session: Session): Promise<void> {
  const schools = await schoolsOf(session);
  if (schools.length === 0) { replace(main, notice('info', 'За вами не закреплена ни одна школа.')); return; }
  const root = h('div', { class: 'desk' });
  const wanted = new URLSearchParams(location.search).get('school');
  let current = schools.find((s) => s.id === wanted) ?? schools[0]!;
  let close = () => undefined as void;
  const select = h('select', { id: 'desk-school', onchange: () => {
    current = schools.find((s) => s.id === select.value) ?? current;
    history.replaceState(null, '', `?school=${encodeURIComponent(current.id)}`);
    close();
    close = openDesk(root, current);
  } }, ...schools.map((s) => h('option', { value: s.id, selected: s.id === current.id }, s.name)));
  const picker = schools.length > 1
    ? h('div', { class: 'desk-school' }, h('label', { for: 'desk-school' }, 'Школа'), select)
    : h('p', { class: 'desk-school' }, h('strong', null, current.name));
  replace(main, picker, root);
  close = openDesk(root, current);
}

await startPage({ title: 'Пост охраны', roles: ['guard', 'city_admin'], render });
