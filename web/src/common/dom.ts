// Building the page without markup strings. Every text a person or the registry wrote (a name,
// a class, a product) goes into the page as a text node, never as HTML, so a name like
// "<img onerror=...>" shows as those characters. No module of the console uses innerHTML.

export type Child = Node | string | number | null | undefined | false;
type Handler = (ev: Event) => void;
export type Attrs = Record<string, string | number | boolean | Handler | null | undefined>;

/** An element with attributes (strings; `on...` take functions only) and children (text or nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) {
      if (typeof value !== 'function') throw new Error(`${name} takes a function`);
      el.addEventListener(name.slice(2), value);
    } else if (typeof value === 'function') throw new Error(`${name} is not an event`);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

/** The element with this id; a missing one is a bug in the page. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`no element #${id}`);
  return el as T;
}

/** A labelled form field: the label names the input for screen readers and clicks. */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  if (input.id === '') input.id = `f-${Math.random().toString(36).slice(2, 10)}`;
  const hintEl = hint === undefined ? null : h('small', { id: `${input.id}-hint`, class: 'hint' }, hint);
  if (hintEl !== null) input.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hintEl);
}

/**
 * The keys of a tab list (WAI-ARIA tabs): the left and right arrows, Home and End move to a tab and
 * open it. The focus stays on the tab opened, also when the page draws its tabs anew on a click.
 */
export function tabKeys(list: HTMLElement): void {
  list.addEventListener('keydown', (ev) => {
    const tabs = [...list.querySelectorAll<HTMLElement>('[role="tab"]')];
    const i = tabs.findIndex((b) => b === document.activeElement);
    const n = tabs.length;
    const to = i < 0 ? -1 : ev.key === 'ArrowRight' ? (i + 1) % n : ev.key === 'ArrowLeft' ? (i + n - 1) % n
      : ev.key === 'Home' ? 0 : ev.key === 'End' ? n - 1 : -1;
    const target = tabs[to];
    if (target === undefined) return;
    ev.preventDefault();
    target.click();
    (target.isConnected ? target : list.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]'))?.focus();
  });
}

/** A status line that screen readers announce (role=status) and errors in role=alert. */
export function notice(kind: 'ok' | 'error' | 'info', text: string): HTMLElement {
  return h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}
