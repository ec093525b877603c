// The local SMSC's "phone screen" (development only): a web page listing the text messages the
// notifier sent to the local SMSC (./smsc.ts), newest first, so a developer signing in to the
// parents' portal by SMS code (docs/console.md) can read the code. Every value is HTML-escaped and
// the page runs no script (the same policy as the mail catcher's pages).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml, PAGE_CSP, PAGE_REFRESH_S } from './mail-catcher-page.js';
import type { Smsc } from './smsc.js';

/** Messages the page lists at most (the newest). */
export const SMS_PAGE_MESSAGES_MAX = 200;

export function smsPage(smsc: Pick<Smsc, 'received'>): string {
  const rows = smsc.received().slice(-SMS_PAGE_MESSAGES_MAX).reverse().map((m) => {
    const at = new Date(m.receivedAtMs).toLocaleString('ru-RU', { hour12: false, timeZone: 'Europe/Moscow' });
    return `<tr><td>${escapeHtml(at)} МСК</td><td>+${escapeHtml(m.destination.replace(/^\+/, ''))}</td><td>${escapeHtml(m.text)}</td></tr>`;
  });
  return ['<!doctype html>', '<html lang="ru"><head><meta charset="utf-8">', `<meta http-equiv="refresh" content="${PAGE_REFRESH_S}">`,
    '<title>SMS tapgate (для разработки)</title>',
    '<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}',
    'td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}</style></head><body>',
    '<h1>SMS, отправленные через локальный SMSC</h1>',
    rows.length === 0 ? '<p>Пока нет сообщений.</p>'
      : `<table><thead><tr><th>Когда</th><th>Кому</th><th>Текст</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '</body></html>'].join('\n');
}

/** Serves the page on loopback; `port` 0 lets the OS choose. */
export async function startSmsPage(smsc: Pick<Smsc, 'received'>, port: number, host = '127.0.0.1'): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '/') !== '/') { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store' });
    res.end(smsPage(smsc));
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, host, () => resolve()); });
  const p = (server.address() as AddressInfo).port;
  return { url: `http://${host}:${p}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
