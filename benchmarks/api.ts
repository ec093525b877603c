// `npm run bench:api`: what the admin API costs. Registering persons one request at a time and
// 16 at a time, a roster import of 5,000 rows and its idempotent re-import, and a page of 1,000
// persons, each against a baseline measured in the same run: the KV puts the same records need,
// made directly to NATS with no HTTP, validation, dedup or audit. Then what the API costs the
// taps: turnstile taps at a steady rate alone, and again while roster imports run, in the same
// run. Since issue 10 the API is its own process: the last comparison shows what it still costs
// the taps on the shared cores. Writes results/DATE-api.json.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNats, freePort } from '../../scripts/lib/servers.mjs';
import { connectNats, loadRegistryRecords, openRegistry } from '../lib/index.js';
import { parseRegistryJson } from '../core/index.js';
import { generateDemoRegistry } from '../simulator/demo-registry.js';
import { createToken, openTokenBucket } from '../api/tokens.js';
import { ROOT, simulate, spawnLogged, stopAll, type Phase } from './harness.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: join(ROOT, 'benchmarks', 'results') } } });
const N = values.quick ? 300 : 2000;
const ROSTER_ROWS = values.quick ? 500 : 5000;

function pct(sorted: number[], p: number): number {
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0) * 100) / 100;
}
function summary(ms: number[], wallMs: number): Record<string, number> {
  const s = [...ms].sort((a, b) => a - b);
  return { count: ms.length, perSecond: Math.round(ms.length / (wallMs / 1000)), p50Ms: pct(s, 0.5), p99Ms: pct(s, 0.99), wallMs: Math.round(wallMs) };
}
/** Runs `count` calls of fn with `parallel` in flight; returns each call's time and the wall time. */
async function run(count: number, parallel: number, fn: (i: number) => Promise<void>): Promise<Record<string, number>> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await fn(i);
      times.push(performance.now() - t0);
    }
  }));
  return summary(times, performance.now() - started);
}
const progress = (m: string) => process.stderr.write(`bench:api: ${m}\n`);
const name = (i: number) => `Бенчмарков${String.fromCharCode(1072 + (i % 32))}${i}`;

const dir = mkdtempSync(join(tmpdir(), 'tapgate-bench-api-'));
const results: Record<string, unknown> = {};
try {
  const nats = await startNats({ port: await freePort(), dataDir: join(dir, 'nats') });
  try {
    const nc = await connectNats(nats.url, 'bench-api');
    const kv = await openRegistry(nc);
    const demo = generateDemoRegistry({ schools: 50, turnstilesPerSchool: 8, pupilsPerSchool: 90, staffPerSchool: 10 });
    const registryPath = join(dir, 'registry.json');
    writeFileSync(registryPath, JSON.stringify(demo));
    await loadRegistryRecords(kv, parseRegistryJson(JSON.stringify(demo)));
    await kv.put('school.bench', JSON.stringify({ id: 'bench', name: 'Bench', timeZone: 'Europe/Moscow', kind: 'school' }));
    const gw = spawnLogged('gateway/main.js', [], { TAPGATE_NATS_URL: nats.url, TAPGATE_CLICKHOUSE_URL: 'http://127.0.0.1:9', TAPGATE_DEVICE_PORT: '0',
      TAPGATE_OPS_PORT: '0', TAPGATE_LOG_LEVEL: 'info', TAPGATE_GATEWAY_ID: 'bench-api' });
    const listening = await gw.line((l) => l['msg'] === 'gateway listening');
    // The admin API is its own process (ADR 0017): its work, roster imports included, is off the tap thread.
    const apiProcess = spawnLogged('api/main.js', [], { TAPGATE_NATS_URL: nats.url, TAPGATE_CLICKHOUSE_URL: 'http://127.0.0.1:9',
      TAPGATE_API_PORT: '0', TAPGATE_API_OPS_PORT: '0', TAPGATE_LOG_LEVEL: 'info' });
    const apiListening = await apiProcess.line((l) => l['msg'] === 'api listening');
    const api = `http://127.0.0.1:${String(apiListening['apiPort'])}/api/v1`;
    const { token } = await createToken(await openTokenBucket(nc), { role: 'city_admin', label: 'bench' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown, expect: number) => {
      const r = await fetch(api + path, { method: 'POST', headers, body: JSON.stringify(body) });
      await r.arrayBuffer();
      if (r.status !== expect) throw new Error(`${path}: ${r.status}`);
    };

    // Baseline: the person and account puts of one registration, awaited one after the other, straight to KV.
    for (const parallel of [1, 16]) {
      const offset = parallel * 1_000_000;
      progress(`registering ${N} persons, ${parallel} in flight`);
      results[`kvBaseline_x${parallel}`] = await run(N, parallel, async (i) => {
        await kv.put(`person.kvb${offset + i}`, JSON.stringify({ id: `kvb${offset + i}`, schoolId: 'bench', kind: 'pupil', surname: name(i), givenName: 'Бенч', birthDate: '2015-01-01' }));
        await kv.put(`account.kva${offset + i}`, JSON.stringify({ id: `kva${offset + i}`, personId: `kvb${offset + i}`, number: String(3_000_000_000 + offset + i) }));
      });
      results[`createPerson_x${parallel}`] = await run(N, parallel, async (i) => {
        await post('/schools/bench/persons', { kind: 'pupil', surname: name(offset + i), givenName: 'Тест', birthDate: '2015-02-02', className: '1А' }, 201);
      });
    }
    const rows = ['surname,given_name,patronymic,birth_date,kind,class,identifier_kind,card_uid,guardian_phone,guardian_surname,guardian_given_name'];
    for (let i = 0; i < ROSTER_ROWS; i++) {
      rows.push(`${name(10_000_000 + i)},Ростер,,2014-05-0${1 + (i % 9)},pupil,${1 + (i % 11)}Б,social_card,${(0xa0000000 + i).toString(16)},+7916${String(1_000_000 + Math.floor(i / 2)).padStart(7, '0')},Родителев,`);
    }
    const csv = rows.join('\n') + '\n';
    for (const label of ['rosterImport', 'rosterReimport']) {
      progress(`${label}: ${ROSTER_ROWS} rows`);
      const t0 = performance.now();
      const r = await fetch(`${api}/schools/bench/roster`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: csv });
      const report = await r.json() as { applied: number; failed: number; created: Record<string, number> };
      const ms = performance.now() - t0;
      if (r.status !== 200 || report.failed !== 0) throw new Error(`roster: ${r.status} ${JSON.stringify(report).slice(0, 300)}`);
      results[label] = { rows: ROSTER_ROWS, ms: Math.round(ms), rowsPerSecond: Math.round(ROSTER_ROWS / (ms / 1000)), created: report.created };
    }
    // Baseline for the import: the same number of KV puts (person, account, identifier, guardian every other row, link), sequential.
    const puts = ROSTER_ROWS * 4 + ROSTER_ROWS / 2;
    results['rosterKvBaseline'] = { puts, ...(await run(puts, 1, async (i) => { await kv.put(`product.kvr${i}`, JSON.stringify({ id: `kvr${i}`, schoolId: 'bench', name: 'x', category: 'x', priceKop: 1 })); })) };
    // Taps alone, then taps while roster files (new pupils each time) are imported one after another.
    const tapsPhase: Phase = { name: 'taps', devices: 400, rate: values.quick ? 2000 : 5000, durationS: values.quick ? 5 : 10, tapsPerFrame: 1, inFlight: 1 };
    const deviceUrl = `ws://127.0.0.1:${String(listening['devicePort'])}/device/v1`;
    progress(`taps alone: ${tapsPhase.rate}/s for ${tapsPhase.durationS} s`);
    results['tapsAlone'] = await simulate(deviceUrl, registryPath, tapsPhase, false, 2);
    progress('taps during roster imports');
    let importing = true;
    let imports = 0;
    const importer = (async () => {
      for (let round = 1; importing && round <= 50; round++) {
        const file = rows[0] + '\n' + rows.slice(1, 1 + Math.min(ROSTER_ROWS, 2000)).map((r) => r.replace(/^Бенчмарков/, `Раунд${round}_`).replace(/,[0-9a-f]{8},/, (m) => `,${round.toString(16).padStart(2, '0')}${m.slice(3)}`)).join('\n') + '\n';
        const r = await fetch(`${api}/schools/bench/roster`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: file });
        await r.arrayBuffer();
        imports++;
      }
    })();
    results['tapsDuringImports'] = await simulate(deviceUrl, registryPath, tapsPhase, false, 2);
    importing = false;
    await importer;
    results['importsDuringTaps'] = imports;
    results['listPage1000'] = await run(values.quick ? 20 : 100, 1, async () => {
      const r = await fetch(`${api}/schools/bench/persons?limit=1000`, { headers });
      await r.arrayBuffer();
    });
    await nc.close();
  } finally {
    await stopAll();
    await nats.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const doc = { benchmark: 'api', date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, quick: values.quick, persons: N, rosterRows: ROSTER_ROWS, results };
mkdirSync(values.out, { recursive: true });
const file = join(values.out, `${new Date().toISOString().slice(0, 10)}-api${values.quick ? '-quick' : ''}.json`);
writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
process.stderr.write(`results written to ${file}\n`);
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
