// The frame every console page shares: it checks the session (no session: the sign-in page; a
// role the page is not for: a message and a link to the right page), draws the header with the
// page's title, who is signed in and «Выйти», and hands the main area to the page.
import { api, ApiFailure, homeOf, loadSession, type Session } from './api.js';
import { byId, h, notice, replace } from './dom.js';
import { ROLES } from './words.js';

export interface PageSpec {
  /** The page's title in the header and the tab. */
  readonly title: string;
  /** Roles this page serves. */
  readonly roles: readonly string[];
  render(main: HTMLElement, session: Session): Promise<void> | void;
}

export async function startPage(spec: PageSpec): Promise<void> {
  const main = byId('main');
  let session: Session | null;
  try {
    session = await loadSession();
  } catch (err) {
    replace(main, notice('error', err instanceof ApiFailure ? err.text : 'Не удалось загрузить страницу.'));
    return;
  }
  if (session === null) {
    location.assign(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
    return;
  }
  document.title = `${spec.title} — tapgate`;
  header(spec.title, session);
  if (!spec.roles.includes(session.role)) {
    replace(main, notice('info', 'Эта страница не для вашей роли.'), h('p', null, h('a', { href: homeOf(session.role) }, 'Перейти на вашу страницу')));
    return;
  }
  try {
    await spec.render(main, session);
    // The first view is on screen: tests and the benchmark wait for this mark.
    document.body.setAttribute('data-ready', '');
  } catch (err) {
    replace(main, notice('error', err instanceof ApiFailure ? err.text : 'Не удалось загрузить страницу.'));
    if (!(err instanceof ApiFailure)) console.error(err);
  }
}

function header(title: string, session: Session): void {
  const out = h('button', { type: 'button', class: 'link-button', onclick: () => void signOut() }, 'Выйти');
  replace(byId('top'), h('div', { class: 'bar' },
    h('span', { class: 'brand' }, 'tapgate'),
    h('h1', null, title),
    h('span', { class: 'who' }, ROLES[session.role] ?? session.role),
    out));
}

async function signOut(): Promise<void> {
  try { await api('DELETE', '/session', undefined, { noRedirect: true }); } catch { /* gone already */ }
  location.assign('/');
}
