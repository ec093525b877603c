// SeqMemory: new / decided / too_old and the exact boundary at highest - memory, pruning that
// keeps each device's map bounded, and seqs that arrive out of order (retransmitted batches).
import t from 'tap';
import { SeqMemory, type SeqLookup, type StoredDecision } from '../../core/index.js';
import { decodeSnapshot, encodeSnapshot } from '../../gateway/shard/snapshot-encode.js';

/** A cut's content as text (columns as base64), for comparing cuts. */
const text = (x: unknown) => JSON.stringify(x, (_k, v: unknown) =>
  (ArrayBuffer.isView(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v));
/** A cut written and read back as the gateway's snapshots are. */
const roundTrip = async <T>(cut: unknown): Promise<T> => decodeSnapshot<T>(await encodeSnapshot(cut));

function decision(seq: number, reason = 1): StoredDecision {
  return { seq, reason, personId: `p${seq}`, decidedAtMs: 1_000_000 + seq, appendNo: seq };
}

/** The number of decisions held for a device, to prove the bound. */
function kept(mem: SeqMemory, deviceId: string): number {
  return mem.retained(deviceId);
}

function kindOf(l: SeqLookup): string {
  return l.kind;
}

t.test('seq-memory - an unknown device has nothing decided', async (t) => {
  const mem = new SeqMemory(4);
  t.same(mem.lookup('d1', 1), { kind: 'new' });
  t.same(mem.lookup('d1', Number.MAX_SAFE_INTEGER), { kind: 'new' });
  t.equal(mem.highestSeq('d1'), 0);
  t.equal(mem.deviceCount, 0);
});

t.test('seq-memory - new, decided and too_old around highest - memory', async (t) => {
  const mem = new SeqMemory(4);
  for (let seq = 1; seq <= 10; seq++) mem.remember('d1', decision(seq));
  t.equal(mem.highestSeq('d1'), 10);
  const cases: Array<[number, SeqLookup]> = [
    [1, { kind: 'too_old', highestSeq: 10 }],
    [5, { kind: 'too_old', highestSeq: 10 }],
    [6, { kind: 'too_old', highestSeq: 10 }], // exactly highest - memory
    [7, { kind: 'decided', decision: decision(7) }], // highest - memory + 1
    [10, { kind: 'decided', decision: decision(10) }],
    [11, { kind: 'new' }],
    [1_000_000, { kind: 'new' }],
  ];
  for (const [seq, want] of cases) t.same(mem.lookup('d1', seq), want, `seq ${seq}`);
  t.equal(kept(mem, 'd1'), 4);
});

t.test('seq-memory - a gap below the highest is new until it falls out of memory', async (t) => {
  const mem = new SeqMemory(4);
  mem.remember('d1', decision(10));
  t.same(mem.lookup('d1', 7), { kind: 'new' });
  t.same(mem.lookup('d1', 6), { kind: 'too_old', highestSeq: 10 });
  mem.remember('d1', decision(8));
  t.same(mem.lookup('d1', 8), { kind: 'decided', decision: decision(8) });
  t.equal(mem.highestSeq('d1'), 10, 'an older seq does not lower the highest');
});

t.test('seq-memory - devices are independent', async (t) => {
  const mem = new SeqMemory(4);
  mem.remember('d1', decision(100));
  mem.remember('d2', decision(1));
  t.same(mem.lookup('d2', 50), { kind: 'new' });
  t.same(mem.lookup('d1', 1), { kind: 'too_old', highestSeq: 100 });
  t.equal(mem.deviceCount, 2);
});

t.test('seq-memory - remembering a seq again keeps the later decision (ledger replay)', async (t) => {
  const mem = new SeqMemory(4);
  mem.remember('d1', decision(3, 1));
  mem.remember('d1', decision(3, 7));
  t.same(mem.lookup('d1', 3), { kind: 'decided', decision: decision(3, 7) });
  t.equal(kept(mem, 'd1'), 1);
});

t.test('seq-memory - pruning keeps memory bounded over a long run', async (t) => {
  const memory = 64;
  const mem = new SeqMemory(memory);
  let maxKept = 0;
  for (let seq = 1; seq <= 10_000; seq++) {
    mem.remember('d1', decision(seq));
    maxKept = Math.max(maxKept, kept(mem, 'd1'));
  }
  t.equal(maxKept, memory);
  t.equal(kindOf(mem.lookup('d1', 10_000 - memory)), 'too_old');
  t.equal(kindOf(mem.lookup('d1', 10_000 - memory + 1)), 'decided');
});

t.test('seq-memory - seqs out of order within the window stay decided', async (t) => {
  // A retransmitted backlog arrives after a newer tap: 5, then 2, 3, 4, then 6.
  const mem = new SeqMemory(4);
  for (const seq of [5, 2, 3, 4, 6]) {
    t.equal(kindOf(mem.lookup('d1', seq)), 'new', `seq ${seq} is new when it arrives`);
    mem.remember('d1', decision(seq));
  }
  const want: Array<[number, string]> = [[2, 'too_old'], [3, 'decided'], [4, 'decided'], [5, 'decided'], [6, 'decided'], [7, 'new']];
  for (const [seq, kind] of want) t.equal(kindOf(mem.lookup('d1', seq)), kind, `seq ${seq}`);
  t.equal(kept(mem, 'd1'), 4);
});

t.test('seq-memory - shuffled arrival matches a model of the window', async (t) => {
  // The sequencer remembers only seqs that lookup called new; the model keeps every decided seq
  // and says which of them must still be found.
  const memory = 16;
  const mem = new SeqMemory(memory);
  const decided = new Set<number>();
  let highest = 0;
  let seed = 7;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; };
  let mismatches = 0;
  let maxKept = 0;
  for (let base = 0; base < 2000; base += 8) {
    // Blocks of 8 seqs in a shuffled order, some skipped, some sent again later.
    const block = Array.from({ length: 8 }, (_, i) => base + i + 1).filter(() => next() % 10 !== 0);
    for (let i = block.length - 1; i > 0; i--) { const j = next() % (i + 1); [block[i], block[j]] = [block[j]!, block[i]!]; }
    if (base >= 16) block.push(base - (next() % 16) + 1);
    for (const seq of block) {
      const got = mem.lookup('d1', seq).kind;
      const want = seq <= highest - memory ? 'too_old' : decided.has(seq) ? 'decided' : 'new';
      if (got !== want) mismatches++;
      if (got === 'new') {
        mem.remember('d1', decision(seq));
        decided.add(seq);
        highest = Math.max(highest, seq);
      }
      maxKept = Math.max(maxKept, kept(mem, 'd1'));
    }
  }
  t.equal(mismatches, 0, 'every lookup matched the model');
  t.ok(maxKept <= memory, `at most ${memory} decisions kept (kept ${maxKept})`);
});

t.test('seq-memory - a snapshot cut stays as it was while decisions go on, and loads back', async (t) => {
  const mem = new SeqMemory(64);
  for (let seq = 1; seq <= 100; seq++) mem.remember('d1', { ...decision(seq), ...(seq % 3 === 0 ? { pos: { amountKop: seq, balanceAfterKop: -seq, subsidised: seq % 2 === 0 } } : {}) });
  mem.remember('d2', decision(5));
  const cut = mem.toSnapshot();
  const before = text(cut);
  // After the cut: the same slots overwritten, the ring grown, a new device.
  for (let seq = 101; seq <= 400; seq++) mem.remember('d1', decision(seq, 9));
  mem.remember('d3', decision(1));
  t.equal(text(cut), before, 'the cut did not change');
  const loaded = new SeqMemory(64);
  loaded.loadSnapshot(await roundTrip(cut));
  t.equal(loaded.highestSeq('d1'), 100);
  t.same(loaded.lookup('d1', 99), { kind: 'decided', decision: { ...decision(99), appendNo: 0, pos: { amountKop: 99, balanceAfterKop: -99, subsidised: false } } });
  t.same(loaded.lookup('d1', 100), { kind: 'decided', decision: { ...decision(100), appendNo: 0 } });
  t.same(loaded.lookup('d1', 36), { kind: 'too_old', highestSeq: 100 });
  t.same(loaded.lookup('d2', 5), { kind: 'decided', decision: { ...decision(5), appendNo: 0 } });
  t.equal(loaded.deviceCount, 2);
  const E = new Uint8Array(0);
  t.throws(() => loaded.loadSnapshot({ persons: [''], devices: [['d1', 1, 64, E, E, E, E, E, null, null]] }), /columns/, 'a damaged snapshot is refused');
});

/** A hand-over decision: the adult shown, children with their reasons (v1.3). */
function handover(seq: number, children: ReadonlyArray<readonly [number, string]>): StoredDecision {
  return { seq, reason: 1, personId: `g${seq}`, decidedAtMs: 2_000_000 + seq, appendNo: seq,
    handover: children.map(([reason, personId]) => ({ reason, personId })) };
}

t.test('seq-memory - a hand-over keeps each child\'s result; an overwritten slot forgets it', async (t) => {
  const mem = new SeqMemory(4);
  const h = handover(2, [[1, 'c1'], [16, 'c2'], [2, '']]);
  mem.remember('d1', decision(1));
  mem.remember('d1', h);
  t.same(mem.lookup('d1', 2), { kind: 'decided', decision: h });
  t.same(mem.lookup('d1', 1), { kind: 'decided', decision: decision(1) }, 'an ordinary decision beside it has no children');
  // Far past the window: the ring's slot of seq 2 is taken by a later seq and its children go with it.
  for (let seq = 3; seq <= 200; seq++) mem.remember('d1', decision(seq));
  t.same(mem.lookup('d1', 2), { kind: 'too_old', highestSeq: 200 });
  mem.remember('d1', handover(201, [[7, 'c1']]));
  mem.remember('d1', decision(201));
  t.same(mem.lookup('d1', 201), { kind: 'decided', decision: decision(201) }, 'a seq remembered again without children has none');
});

t.test('seq-memory - hand-overs go into a snapshot (format 4), survive later writes, and a format 3 tuple still loads', async (t) => {
  const mem = new SeqMemory(64);
  for (let seq = 1; seq <= 80; seq++) mem.remember('kg', seq % 5 === 0 ? handover(seq, [[1, `c${seq}`], [16, `d${seq}`]]) : decision(seq));
  const cut = mem.toSnapshot();
  const before = text(cut);
  for (let seq = 81; seq <= 300; seq++) mem.remember('kg', handover(seq, [[17, '']]));
  t.equal(text(cut), before, 'the cut did not change');
  const loaded = new SeqMemory(64);
  loaded.loadSnapshot(await roundTrip(cut));
  t.same(loaded.lookup('kg', 80), { kind: 'decided', decision: { ...handover(80, [[1, 'c80'], [16, 'd80']]), appendNo: 0 } });
  t.same(loaded.lookup('kg', 79), { kind: 'decided', decision: { ...decision(79), appendNo: 0 } });
  t.same(loaded.lookup('kg', 20), { kind: 'decided', decision: { ...handover(20, [[1, 'c20'], [16, 'd20']]), appendNo: 0 } });
  // Format 3: a device's tuple ends at the POS columns.
  const v3 = await roundTrip<Parameters<SeqMemory['loadSnapshot']>[0]>(new SeqMemory(64).toSnapshot());
  const old = new SeqMemory(64);
  const ordinary = new SeqMemory(64);
  ordinary.remember('ts', decision(3));
  const snap = await roundTrip<Parameters<SeqMemory['loadSnapshot']>[0]>(ordinary.toSnapshot());
  old.loadSnapshot({ persons: snap.persons, devices: snap.devices.map((d) => [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9]] as const) });
  t.same(old.lookup('ts', 3), { kind: 'decided', decision: { ...decision(3), appendNo: 0 } }, 'a format 3 device loads');
  t.same(v3.devices, []);
  const E = new Uint8Array(0);
  t.throws(() => loaded.loadSnapshot({ persons: [''], devices: [['kg', 1, 64, new Uint8Array(512), new Uint8Array(512), new Uint8Array(256),
    new Uint8Array(64), new Uint8Array(64), null, null, [new Uint8Array(8), Uint8Array.of(3), E, E]]] }), /columns/,
  'hand-over columns that disagree are refused');
});
