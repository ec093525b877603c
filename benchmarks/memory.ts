// Question: how much memory do the gateway's money state and its snapshot take after a city-year
// of top-ups, canteen sales and refunds, with the retention of ADR 0013 and without it?
//
// Method: the pure money state (core/money.ts, core/purchase.ts: what the sequencer owns and
// snapshots) is driven through one year, in ledger order, at a stated scale of Moscow: 840,000
// pupils / SCALE, each topping up once a week (52 top-ups a year) and buying twice on each of 170
// school days (Monday to Friday until 170 are reached), one sale in 1,000 refunded the same day.
// Sales go through `record`, the replay path, which builds the same state as live decisions. Both
// configurations run in the same process one after the other: retention (payment ids 3 days,
// sales and refunds 30 days) and none (every window infinite, as before). After each month the
// heap is measured after a forced GC; at the end the snapshot of the money state is serialised
// (gzipped, as the gateway stores it). The city figures are the measured ones times SCALE (the
// state is per pupil, so it scales linearly). Run: `npm run bench:memory [-- --scale 100]`.
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MoneyState, PurchaseState, Reason, REFUND_WINDOW_MS, PAYMENT_IDS_MEMORY_MS } from '../core/index.js';
import { encodeSnapshot } from '../gateway/shard/snapshot-encode.js';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: {
  scale: { type: 'string', default: '100' },
  out: { type: 'string', default: join(root, 'benchmarks', 'results') },
} });
const SCALE = Number(values.scale);
const CITY_PUPILS = 840_000;
const PUPILS = Math.round(CITY_PUPILS / SCALE);
const SCHOOL_DAYS = 170;
const PURCHASES_PER_SCHOOL_DAY = 2;
const REFUND_EVERY = 1000;
const DAY_MS = 86_400_000;
const YEAR_START_MS = Date.UTC(2026, 8, 1, 6, 0, 0); // 2026-09-01, a Tuesday
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench:memory does)');

function heapMiB(): number {
  gc!(); gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

interface Run { readonly label: string; readonly monthlyHeapMiB: number[]; readonly heapMiB: number; readonly snapshotBytes: number;
  readonly payments: number; readonly sales: number; readonly refunds: number; readonly seconds: number }

/** One pupil's day: a top-up on their weekday, purchases on a school day. */
function runYear(label: string, paymentMemoryMs: number, refundWindowMs: number, baseMiB: number): Promise<Run> {
  const started = performance.now();
  const money = new MoneyState(paymentMemoryMs);
  const purchases = new PurchaseState(money, refundWindowMs);
  const monthly: number[] = [];
  let schoolDays = 0;
  let seq = 0;
  let refundNo = 0;
  for (let day = 0; day < 365; day++) {
    const dayMs = YEAR_START_MS + day * DAY_MS;
    const weekday = new Date(dayMs).getUTCDay();
    for (let p = day % 7; p < PUPILS; p += 7) {
      const o = money.topUp({ channel: 'sber', paymentId: `pay-${day}-${p}`, accountId: `acc-${p}`, amountKop: 50_000 }, dayMs + p, 0);
      if (o.kind === 'applied') money.markIndexed(o.topUp); // the index keeps up
    }
    const school = weekday >= 1 && weekday <= 5 && schoolDays < SCHOOL_DAYS;
    if (school) schoolDays++;
    for (let k = 0; school && k < PURCHASES_PER_SCHOOL_DAY; k++) {
      for (let p = 0; p < PUPILS; p++) {
        const at = dayMs + 3_600_000 * (3 + k) + p;
        const accountId = `acc-${p}`;
        const balance = money.balanceKop(accountId);
        seq++;
        purchases.record({ deviceId: `pos-${p % 500}`, seq, personId: `p-${p}`, schoolDay: day, decidedAtMs: at }, {
          reason: Reason.DECISION_REASON_OK, accountId, basketKop: 2_000, amountKop: 2_000, balanceAfterKop: balance - 2_000,
          benefitId: '', mealPeriod: '', overdraft: balance < 2_000, lowBalance: false });
        if (seq % REFUND_EVERY === 0) purchases.refund(`ref-${++refundNo}`, `pos-${p % 500}`, seq, at + 1, 0);
      }
    }
    if (day % 30 === 29) monthly.push(Math.round(heapMiB() - baseMiB));
  }
  const heap = heapMiB() - baseMiB;
  return encodeSnapshot({ money: money.toSnapshot(), purchases: purchases.toSnapshot() }).then((bytes) => ({
    label, monthlyHeapMiB: monthly, heapMiB: Math.round(heap), snapshotBytes: bytes.length, payments: money.paymentCount,
    sales: purchases.saleCount, refunds: purchases.refundCount, seconds: Math.round((performance.now() - started) / 100) / 10,
  }));
}

const base = heapMiB();
const runs: Run[] = [];
runs.push(await runYear('retention', PAYMENT_IDS_MEMORY_MS, REFUND_WINDOW_MS, base));
runs.push(await runYear('no retention', Infinity, Infinity, heapMiB()));
const city = (x: number) => Math.round(x * SCALE);
const doc = {
  benchmark: 'memory', date: new Date().toISOString().slice(0, 10), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model,
  scale: `1/${SCALE} of Moscow: ${PUPILS} pupils, 52 top-ups and ${SCHOOL_DAYS * PURCHASES_PER_SCHOOL_DAY} purchases each a year`,
  runs: runs.map((r) => ({ ...r, cityHeapMiB: city(r.heapMiB), citySnapshotMiB: Math.round(city(r.snapshotBytes) / 2 ** 20) })),
};
mkdirSync(values.out, { recursive: true });
const file = join(values.out, `${doc.date}-memory.json`);
writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
for (const r of doc.runs) {
  console.log(`${r.label}: heap ${r.heapMiB} MiB (city ${r.cityHeapMiB} MiB), snapshot ${(r.snapshotBytes / 2 ** 20).toFixed(1)} MiB gz ` +
    `(city ${r.citySnapshotMiB} MiB), ${r.payments} payment ids, ${r.sales} sales, ${r.refunds} refunds in memory; ${r.seconds} s; monthly heap ${r.monthlyHeapMiB.join(' ')}`);
}
console.log(`written ${file}`);
