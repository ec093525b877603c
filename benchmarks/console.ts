// `npm run bench:console`: what the web console costs and how fast it is (issue 11), each figure
// next to a baseline from the same run:
// 1. Page weight and time to first render of the guard's desk and the parent's day view, cold
//    (a fresh browser context, cache off), in Debian's Chromium; baseline: the sign-in page, the
//    lightest page of the same server, which needs no data.
// 2. The live feed's delay from a tap's decision to the pass on the guard's screen at 2,000
//    taps/s (aim: p99 under 500 ms): a MutationObserver in the desk page stamps each new pass at
//    the next animation frame; baseline: a plain WebSocket client on the same feed at the same
//    time (the feed without a browser).
// 3. The API's latency under 200 concurrent parent sessions, each opening the day view every 2 s
//    (the requests the portal makes, with the session cookie); baseline: one parent alone. Then
//    the same mix as fast as it goes with wrk (200 connections; baseline: 1 connection).
// Writes results/DATE-console.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNats, startClickHouse, freePort } from '../../scripts/lib/servers.mjs';
import { connectNats, loadRegistryRecords, openRegistry } from '../lib/index.js';
import { parseRegistryJson } from '../core/index.js';
import { generateDemoRegistry } from '../simulator/demo-registry.js';
import { createToken, openTokenBucket } from '../api/tokens.js';
import { ROOT, simulate, spawnLogged, stopAll, type Phase } from './harness.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: join(ROOT, 'benchmarks', 'results') } } });
const QUICK = values.quick;
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-dev-shm-usage'];
/** Cold loads of each page. */
const LOADS = QUICK ? 2 : 5;
/** Taps per second through the school's turnstiles while the desk watches, and for how long. */
const FEED_RATE = 2000;
const FEED_S = QUICK ? 8 : 20;
const PARENTS = 200;
/** Each parent opens the day view this often, in ms. */
const PARENT_PERIOD_MS = 2000;
const PARENT_S = QUICK ? 10 : 30;
const WRK_S = QUICK ? 5 : 15;

const progress = (m: string) => process.stderr.write(`bench:console: ${m}\n`);
function pct(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN) * 10) / 10;
}
const stats = (xs: readonly number[]) => ({ count: xs.length, p50Ms: pct(xs, 0.5), p99Ms: pct(xs, 0.99), maxMs: pct(xs, 1) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Signed { readonly cookie: string; readonly value: string }

/** In the page: the moment <body> gets data-ready (the page's first view is drawn), as window.readyAt. */
const READY_MARK = `new MutationObserver(() => {
  if (window.readyAt === undefined && document.body && document.body.hasAttribute('data-ready')) window.readyAt = performance.now();
}).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });`;

/**
 * In the desk page: for each pass row added, the delay from its decision (the row's <time
 * datetime>) to the next animation frame after it was added, i.e. to the screen; in window.delays.
 */
const PASS_STAMPS = `window.delays = [];
new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) {
    // Rows read back from the day's history when the feed connects are not the live feed's.
    if (!n.querySelector || (n.dataset && n.dataset.source === 'history')) continue;
    const time = n.querySelector('time.desk-pass-time');
    if (!time) continue;
    const decided = Date.parse(time.getAttribute('datetime'));
    requestAnimationFrame(() => window.delays.push(Date.now() - decided));
  }
}).observe(document, { childList: true, subtree: true });`;

/** Opens a console session for a token, as the sign-in page does. */
async function signIn(api: string, token: string): Promise<Signed> {
  let r: Response;
  // A token made straight in its bucket reaches the API process through its watch, a moment later.
  for (let attempt = 0; ; attempt++) {
    r = await fetch(`${api}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    if (r.status !== 401 || attempt >= 100) break;
    await sleep(50);
  }
  if (r.status !== 201) throw new Error(`sign-in: ${r.status}`);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, value: cookie.slice(cookie.indexOf('=') + 1) };
}

/** One cold load of `path`: bytes over the wire, requests, first contentful paint and the page's own ready mark. */
async function coldLoad(browser: Browser, base: string, path: string, session: Signed | null): Promise<Record<string, number>> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
  try {
    if (session !== null) await context.addCookies([{ name: 'tg_session', value: session.value, url: base }]);
    const page = await context.newPage();
    // Browser code as text: this file is compiled for Node, without the DOM's types.
    await page.addInitScript({ content: READY_MARK });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { bytes += e.encodedDataLength; requests++; });
    await page.goto(base + path);
    if (path !== '/') await page.locator('body[data-ready]').waitFor({ timeout: 30_000 });
    else await page.locator('form').first().waitFor({ timeout: 30_000 });
    await sleep(300);
    const t = await page.evaluate(`({ fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      ready: window.readyAt ?? NaN })`) as { fcp: number; ready: number };
    return { bytes, requests, firstPaintMs: Math.round(t.fcp), readyMs: Math.round(t.ready) };
  } finally {
    await context.close();
  }
}

async function pageWeights(browser: Browser, base: string, pages: Array<[string, string, Signed | null]>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, path, session] of pages) {
    const runs: Array<Record<string, number>> = [];
    for (let i = 0; i < LOADS; i++) runs.push(await coldLoad(browser, base, path, session));
    const col = (k: string) => runs.map((r) => r[k]!).filter((x) => Number.isFinite(x));
    out[name] = { path, loads: LOADS, bytes: runs[0]!['bytes'], requests: runs[0]!['requests'],
      firstPaintMs: { p50: pct(col('firstPaintMs'), 0.5), max: pct(col('firstPaintMs'), 1) },
      readyMs: { p50: pct(col('readyMs'), 0.5), max: pct(col('readyMs'), 1) } };
    progress(`${name}: ${JSON.stringify(out[name])}`);
  }
  return out;
}

/** Watches the feed in the desk page and with a plain WebSocket client while the turnstiles tap. */
async function feedDelay(browser: Browser, base: string, guard: Signed, schoolId: string, deviceUrl: string, registryPath: string): Promise<Record<string, unknown>> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
  await context.addCookies([{ name: 'tg_session', value: guard.value, url: base }]);
  const page: Page = await context.newPage();
  await page.addInitScript({ content: PASS_STAMPS });
  await page.goto(`${base}/desk`);
  await page.locator('.desk-state[data-state="live"]').waitFor({ timeout: 30_000 });
  const plain: number[] = [];
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/desk/feed?schoolId=${schoolId}`, { headers: { cookie: guard.cookie, origin: base } });
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { type: string; passes?: Array<{ decidedAtMs: number }> };
    const now = Date.now();
    for (const p of m.passes ?? []) plain.push(now - p.decidedAtMs);
  });
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
  const phase: Phase = { name: 'feed', devices: 20, rate: FEED_RATE, durationS: FEED_S, tapsPerFrame: 1, inFlight: 1 };
  progress(`feed: ${FEED_RATE} taps/s for ${FEED_S} s with the desk open`);
  const taps = await simulate(deviceUrl, registryPath, phase, false, 2);
  await sleep(2000);
  const inBrowser = await page.evaluate('window.delays') as number[];
  ws.close();
  await context.close();
  return { taps, browser: stats(inBrowser), plainClient: stats(plain) };
}

interface Child { readonly personId: string }

/** A parent's day view: the requests the portal makes, one after another, with the session cookie. */
/** The day view's requests by what they read: the session and registry, the shard (balance), ClickHouse (history). */
const ROUTE_NAMES = ['session', 'children', 'account (shard)', 'passes (ClickHouse)', 'purchases (ClickHouse)'] as const;

async function dayView(api: string, cookie: string, child: Child, date: string, lat: number[], byRoute: Map<string, number[]>): Promise<void> {
  const paths = ['/session', '/me/children', `/persons/${child.personId}/account`,
    `/persons/${child.personId}/passes?from=${date}&to=${date}`, `/persons/${child.personId}/purchases?from=${date}&to=${date}`];
  for (const [i, p] of paths.entries()) {
    const t0 = performance.now();
    const r = await fetch(api + p, { headers: { cookie } });
    await r.arrayBuffer();
    if (r.status >= 400) throw new Error(`${p}: ${r.status}`);
    const ms = performance.now() - t0;
    lat.push(ms);
    const name = ROUTE_NAMES[i]!;
    byRoute.set(name, [...(byRoute.get(name) ?? []), ms]);
  }
}

async function parents(api: string, sessions: ReadonlyArray<[Signed, Child]>, date: string): Promise<Record<string, unknown>> {
  const lat: number[] = [];
  const byRoute = new Map<string, number[]>();
  const until = Date.now() + PARENT_S * 1000;
  let views = 0;
  await Promise.all(sessions.map(async ([s, child], i) => {
    await sleep((i * PARENT_PERIOD_MS) / sessions.length);
    while (Date.now() < until) {
      const next = Date.now() + PARENT_PERIOD_MS;
      await dayView(api, s.cookie, child, date, lat, byRoute);
      views++;
      await sleep(Math.max(0, next - Date.now()));
    }
  }));
  return { sessions: sessions.length, views, requests: lat.length, perSecond: Math.round(lat.length / PARENT_S), ...stats(lat),
    byRoute: Object.fromEntries([...byRoute].map(([k, v]) => [k, stats(v)])) };
}

/** The same mix as fast as it goes: wrk, `connections` connections, rotating sessions and paths. */
function wrk(api: string, sessions: ReadonlyArray<[Signed, Child]>, date: string, connections: number, dir: string): Record<string, unknown> {
  const lines = sessions.map(([s, c]) => `{${JSON.stringify(s.cookie)},${JSON.stringify(c.personId)}}`).join(',\n');
  const script = `local s = {${lines}}
local d = "${date}"
local i = 0
request = function()
  i = i + 1
  local x = s[(i % #s) + 1]
  local k = i % 5
  local p
  if k == 0 then p = "/api/v1/session" elseif k == 1 then p = "/api/v1/me/children"
  elseif k == 2 then p = "/api/v1/persons/" .. x[2] .. "/account"
  elseif k == 3 then p = "/api/v1/persons/" .. x[2] .. "/passes?from=" .. d .. "&to=" .. d
  else p = "/api/v1/persons/" .. x[2] .. "/purchases?from=" .. d .. "&to=" .. d end
  return wrk.format("GET", p, { Cookie = x[1] })
end
done = function(summary, latency, requests)
  io.write(string.format("JSON{\\"requests\\":%d,\\"errors\\":%d,\\"p50Ms\\":%.2f,\\"p99Ms\\":%.2f}\\n",
    summary.requests, summary.errors.status + summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end`;
  const file = join(dir, `mix-${connections}.lua`);
  writeFileSync(file, script);
  const origin = new URL(api).origin;
  const r = spawnSync('wrk', ['-t', connections > 1 ? '2' : '1', '-c', String(connections), '-d', `${WRK_S}s`, '-s', file, origin], { encoding: 'utf8' });
  if (r.status !== 0) return { error: `wrk exited ${r.status}: ${r.stderr.slice(0, 200)} (apt-get install -y wrk)` };
  const j = JSON.parse(/JSON(\{.*\})/.exec(r.stdout)?.[1] ?? '{}') as { requests: number; errors: number; p50Ms: number; p99Ms: number };
  return { connections, perSecond: Math.round(j.requests / WRK_S), errors: j.errors, p50Ms: j.p50Ms, p99Ms: j.p99Ms };
}

const dir = mkdtempSync(join(tmpdir(), 'tapgate-bench-console-'));
const results: Record<string, unknown> = {};
try {
  const nats = await startNats({ port: await freePort(), dataDir: join(dir, 'nats') });
  const ch = await startClickHouse({ httpPort: await freePort(), tcpPort: await freePort(), interserverPort: await freePort(), dataDir: join(dir, 'ch') });
  try {
    const nc = await connectNats(nats.url, 'bench-console');
    const demo = generateDemoRegistry({ schools: 1, turnstilesPerSchool: 20, posPerSchool: 2, pupilsPerSchool: 2000, staffPerSchool: 50, parents: true });
    const registryPath = join(dir, 'registry.json');
    writeFileSync(registryPath, JSON.stringify(demo));
    await loadRegistryRecords(await openRegistry(nc), parseRegistryJson(JSON.stringify(demo)));
    const schoolId = String(demo.schools[0]!['id']);
    const env = { TAPGATE_NATS_URL: nats.url, TAPGATE_CLICKHOUSE_URL: ch.url, TAPGATE_LOG_LEVEL: 'info' };
    const gw = spawnLogged('gateway/main.js', [], { ...env, TAPGATE_DEVICE_PORT: '0', TAPGATE_OPS_PORT: '0', TAPGATE_GATEWAY_ID: 'bench-console' });
    const listening = await gw.line((l) => l['msg'] === 'gateway listening');
    const deviceUrl = `ws://127.0.0.1:${String(listening['devicePort'])}/device/v1`;
    const apiProcess = spawnLogged('api/main.js', [], { ...env, TAPGATE_API_PORT: '0', TAPGATE_API_OPS_PORT: '0' });
    const apiPort = String((await apiProcess.line((l) => l['msg'] === 'api listening'))['apiPort']);
    spawnLogged('consumers/clickhouse-sink/main.js', [], { ...env, TAPGATE_SINK_OPS_PORT: '0' });
    const base = `http://127.0.0.1:${apiPort}`;
    const api = `${base}/api/v1`;
    // Some of today's passes and purchases, so the day views read real rows.
    progress('a few seconds of taps and purchases for the history');
    await simulate(deviceUrl, registryPath, { name: 'history', devices: 20, rate: 500, durationS: 4, tapsPerFrame: 1, inFlight: 1 }, false, 1);
    await simulate(deviceUrl, registryPath, { name: 'buffet', devices: 2, rate: 50, durationS: 4, tapsPerFrame: 1, inFlight: 1, kind: 'pos' }, false, 1);
    const tokens = await openTokenBucket(nc);
    const guard = await signIn(api, (await createToken(tokens, { role: 'guard', schoolIds: [schoolId], label: 'bench' })).token);
    const links = (demo.guardianships as Array<{ guardianId: string; personId: string }>).slice(0, PARENTS);
    const sessions: Array<[Signed, Child]> = [];
    for (const l of links) {
      const { token } = await createToken(tokens, { role: 'guardian', guardianId: l.guardianId, label: 'bench parent' });
      sessions.push([await signIn(api, token), { personId: l.personId }]);
    }
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: String(demo.schools[0]!['timeZone'] ?? 'Europe/Moscow') }).format(Date.now());

    const browser = await chromium.launch({ executablePath: process.env['TAPGATE_CHROMIUM'] ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    try {
      progress('page weight and first render');
      results['pages'] = await pageWeights(browser, base, [['sign-in (baseline)', '/', null], ['guard\'s desk', '/desk', guard],
        ['parent\'s day view', '/parent', sessions[0]![0]]]);
      results['feed'] = await feedDelay(browser, base, guard, schoolId, deviceUrl, registryPath);
      progress(`feed: ${JSON.stringify(results['feed'])}`);
    } finally {
      await browser.close();
    }
    progress('one parent alone (baseline)');
    results['parentAlone'] = await parents(api, sessions.slice(0, 1), date);
    progress(`${PARENTS} parents, a day view every ${PARENT_PERIOD_MS} ms each`);
    results['parents200'] = await parents(api, sessions, date);
    progress('the same mix as fast as it goes (wrk)');
    results['wrk1'] = wrk(api, sessions, date, 1, dir);
    results['wrk200'] = wrk(api, sessions, date, PARENTS, dir);
    progress(JSON.stringify({ parentAlone: results['parentAlone'], parents200: results['parents200'], wrk1: results['wrk1'], wrk200: results['wrk200'] }));
    await nc.close();
  } finally {
    await stopAll();
    await ch.stop();
    await nats.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const doc = { benchmark: 'console', date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, quick: QUICK, results };
mkdirSync(values.out, { recursive: true });
const file = join(values.out, `${doc.date.slice(0, 10)}-console${QUICK ? '-quick' : ''}.json`);
writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
process.stdout.write(`${file}\n`);
