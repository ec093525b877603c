// The parents' portal's service worker (plain JavaScript, served as /sw.js with scope /parent).
// It shows the notifier's Web Push notices: the payload is JSON { title, body, key, tag }
// (consumers/notifier/channels/push.ts), and a click opens (or focuses) the portal. It caches
// nothing: the portal's data must be live, and an installed portal without network says so itself.
'use strict';

/** The page a notification click opens. */
const PORTAL_URL = '/parent';

self.addEventListener('install', () => { self.skipWaiting(); });
self.addEventListener('activate', (event) => { event.waitUntil(self.clients.claim()); });

/** The notice in a push message, or a neutral one when the payload is missing or not ours. */
function noticeOf(data) {
  let p = null;
  try { p = data === null ? null : data.json(); } catch (_) { p = null; }
  const title = p !== null && typeof p.title === 'string' && p.title !== '' ? p.title : 'Посещение и питание';
  const body = p !== null && typeof p.body === 'string' ? p.body : 'Новое уведомление о ребёнке.';
  const tag = p !== null && typeof p.tag === 'string' && p.tag !== '' ? p.tag : undefined;
  return { title, options: { body, tag, icon: '/icon-192.png', badge: '/icon-192.png', lang: 'ru', data: { url: PORTAL_URL } } };
}

self.addEventListener('push', (event) => {
  const n = noticeOf(event.data);
  event.waitUntil(self.registration.showNotification(n.title, n.options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const portal = open.find((c) => new URL(c.url).pathname.startsWith(PORTAL_URL));
    if (portal !== undefined) return portal.focus();
    return self.clients.openWindow(PORTAL_URL);
  })());
});
