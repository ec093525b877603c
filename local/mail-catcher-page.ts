// The web pages of the local mail catcher (./mail-catcher.ts): the inbox, newest letter first,
// and one letter's text. Letters hold pupils' and parents' names and whatever a template put
// in them, so every value is HTML-escaped here, and the pages are also served under a
// Content-Security-Policy that runs no script at all. Texts people read are in Russian.
import type { CaughtMail } from './mail-catcher.js';

/** Seconds between reloads of the inbox page. */
export const PAGE_REFRESH_S = 5;
/** Letters the inbox page lists at most (the newest); the JSON API has them all. */
export const PAGE_MESSAGES_MAX = 500;

/** Content-Security-Policy of the catcher's own pages: inline style only, no script, no fetches. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
/** For a letter's HTML part: shown as a sandboxed document that runs nothing and loads only inline images. */
export const LETTER_HTML_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const TITLE = 'Почтовый ящик tapgate (для разработки)';

/** When the letter arrived, in Moscow time: the demo school's zone (the letters' own times are the school's). */
function timeText(ms: number): string {
  return `${new Date(ms).toLocaleString('ru-RU', { hour12: false, timeZone: 'Europe/Moscow' })} МСК`;
}

function layout(title: string, body: string, refresh: boolean): string {
  return [
    '<!doctype html>',
    '<html lang="ru"><head><meta charset="utf-8">',
    refresh ? `<meta http-equiv="refresh" content="${PAGE_REFRESH_S}">` : '',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}',
    'td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}',
    'pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}</style>',
    `</head><body>${body}</body></html>`,
  ].join('\n');
}

/** The inbox: newest first, at most PAGE_MESSAGES_MAX rows. `all` is in arrival order. */
export function inboxPage(all: readonly CaughtMail[]): string {
  const shown = all.slice(-PAGE_MESSAGES_MAX).reverse();
  const subjectOf = (m: CaughtMail) => escapeHtml(m.subject === '' ? '(без темы)' : m.subject);
  const rows = shown.map((m) => [
    '<tr>',
    `<td>${escapeHtml(timeText(m.receivedAtMs))}</td>`,
    `<td>${escapeHtml(m.to.join(', '))}</td>`,
    `<td><a href="/messages/${encodeURIComponent(m.id)}">${subjectOf(m)}</a></td>`,
    '</tr>',
  ].join(''));
  const count = all.length > shown.length
    ? `Писем: ${all.length}, показаны последние ${shown.length}.`
    : `Писем: ${all.length}.`;
  const body = [
    `<h1>${escapeHtml(TITLE)}</h1>`,
    `<p>${escapeHtml(count)} Страница обновляется каждые ${PAGE_REFRESH_S} с.</p>`,
    shown.length === 0
      ? '<p>Писем пока нет.</p>'
      : '<table><thead><tr><th>Время</th><th>Кому</th><th>Тема</th></tr></thead>'
        + `<tbody>${rows.join('\n')}</tbody></table>`,
  ].join('\n');
  return layout(TITLE, body, true);
}

/** One letter: its envelope, headers that matter, and the plain text. */
export function letterPage(m: CaughtMail): string {
  const field = (name: string, value: string) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`;
  const body = [
    '<p><a href="/">← Все письма</a></p>',
    `<h1>${escapeHtml(m.subject === '' ? '(без темы)' : m.subject)}</h1>`,
    '<table>',
    field('Время', timeText(m.receivedAtMs)),
    field('От', m.from),
    field('Кому', m.to.join(', ')),
    field('Message-ID', m.messageId ?? '—'),
    field('X-Tapgate-Key', m.headers['x-tapgate-key'] ?? '—'),
    field('Размер, байт', String(m.sizeBytes)),
    '</table>',
    m.html === null ? '' : `<p><a href="/messages/${encodeURIComponent(m.id)}/html">HTML-версия письма</a></p>`,
    `<pre>${escapeHtml(m.text)}</pre>`,
  ].join('\n');
  return layout(`${m.subject} — ${TITLE}`, body, false);
}

export function notFoundPage(): string {
  return layout(TITLE, '<h1>Письмо не найдено</h1><p><a href="/">← Все письма</a></p>', false);
}
