// Integration: `npm run registry:repair` against a real nats-server. Records stored before the
// text, date and class name policy (written straight into the KV, as the API once did) are
// found; a dry run changes nothing and prints kinds, ids, field names and problem codes but no
// value; --apply repairs what it can (conditional on the revision read), the next run finds
// nothing to repair, and what needs an operator is reported with exit code 3.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import t from 'tap';
import { openRegistry, repairRegistry } from '../../lib/index.js';
import { DIST, startStack } from '../helpers/stack.js';

const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry({ schools: [{ id: 's1', name: 'Школа', timeZone: 'Europe/Moscow' }] });
const kv = await openRegistry(stack.nc);

const SECRET_NAMES = ['Тайнова\ud800', 'Петрова М.И.', 'Скрытов'];
const base = { schoolId: 's1', kind: 'pupil', givenName: 'Иван', birthDate: '2015-01-02' };
const stored: Record<string, Record<string, unknown>> = {
  'person.p-ok': { id: 'p-ok', ...base, surname: 'Хорошев', displayName: 'Хорошев Иван', className: '5А', photoRef: '', patronymic: '' },
  'person.p-surrogate': { id: 'p-surrogate', ...base, surname: SECRET_NAMES[0], displayName: `${SECRET_NAMES[0]} Иван`, className: '5А',
    photoRef: '', patronymic: '' },
  'person.p-teacher': { id: 'p-teacher', ...base, surname: 'Классов', displayName: 'Классов Иван', className: SECRET_NAMES[1],
    photoRef: '', patronymic: '' },
  'person.p-future': { id: 'p-future', ...base, surname: SECRET_NAMES[2], displayName: `${SECRET_NAMES[2]} Иван`, className: '',
    photoRef: '', patronymic: '', birthDate: '2999-01-01' },
  'guardian.g-bidi': { id: 'g-bidi', phone: '+79160000001', surname: '\u202eвонавИ', givenName: '' },
};
for (const [key, value] of Object.entries(stored)) await kv.put(key, JSON.stringify(value));

function run(...args: string[]): { code: number | null; out: string; lines: Array<Record<string, any>> } {
  const r = spawnSync(process.execPath, [join(DIST, 'scripts', 'registry-repair.js'), ...args],
    { env: { ...process.env, ...stack.natsEnv('admin') }, encoding: 'utf8', timeout: 30_000 });
  const out = `${r.stdout}${r.stderr}`;
  return { code: r.status, out, lines: r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>) };
}

t.test('registry repair - a dry run reports by id and field, changes nothing, prints no value', async (t) => {
  const before = await kv.status();
  const r = run();
  t.equal(r.code, 3, 'exit 3: a record needs an operator');
  t.same(r.lines.slice(0, -1).map((l) => [l['kind'], l['id'], l['action'], l['fields']]).sort(), [
    ['guardian', 'g-bidi', 'repair', ['surname']],
    ['person', 'p-future', 'manual', ['birthDate']],
    ['person', 'p-surrogate', 'repair', ['displayName', 'surname']],
    ['person', 'p-teacher', 'repair', ['className']],
  ]);
  t.same(r.lines.at(-1), { summary: { checked: 6, ok: 2, repair: 3, repaired: 0, manual: 1, changed: 0, apply: false } });
  for (const secret of [...SECRET_NAMES, 'Тайнова', 'Петрова', 'вонавИ', '2999']) t.notOk(r.out.includes(secret), `no value printed (${secret.slice(0, 3)}…)`);
  t.equal((await kv.status()).streamInfo.state.last_seq, before.streamInfo.state.last_seq, 'nothing written');
});

t.test('registry repair - --apply repairs, the next run finds only what needs an operator', async (t) => {
  const r = run('--apply');
  t.equal(r.code, 3);
  t.match(r.lines.at(-1), { summary: { repair: 0, repaired: 3, manual: 1, changed: 0, apply: true } });
  const get = async (key: string) => JSON.parse((await kv.get(key))!.string()) as Record<string, unknown>;
  t.match(await get('person.p-surrogate'), { surname: 'Тайнова', displayName: 'Тайнова Иван' }, 'the surrogate dropped');
  t.match(await get('person.p-teacher'), { className: '' }, 'the class that was a name cleared');
  t.match(await get('guardian.g-bidi'), { surname: 'вонавИ' }, 'the override dropped');
  t.match(await get('person.p-future'), { birthDate: '2999-01-01' }, 'the future birth date left for an operator');
  const again = await repairRegistry(kv, { apply: false, nowMs: Date.now() });
  t.same(again.lines.map((l) => [l.id, l.action]), [['p-future', 'manual']], 'only the manual one is left');
});

t.test('registry repair - a record changed after it was read is not overwritten', async (t) => {
  await kv.put('person.p-race', JSON.stringify({ id: 'p-race', ...base, surname: 'Гонкин', displayName: 'Гонкин\u0000 Иван', className: '',
    photoRef: '', patronymic: '' }));
  // Change the record between the read and the write: the write is conditional on the revision read.
  const orig = kv.update.bind(kv);
  (kv as { update: typeof kv.update }).update = async (k, v, rev) => {
    if (k === 'person.p-race') await kv.put(k, JSON.stringify({ id: 'p-race', ...base, surname: 'Гонкин', displayName: 'Гонкин Иван', className: '',
      photoRef: '', patronymic: '' }));
    return orig(k, v, rev);
  };
  t.teardown(() => { (kv as { update: typeof kv.update }).update = orig; });
  const r = await repairRegistry(kv, { apply: true, nowMs: Date.now() });
  t.same(r.lines.filter((l) => l.id === 'p-race').map((l) => l.action), ['changed'], 'reported as changed');
  t.match(JSON.parse((await kv.get('person.p-race'))!.string()), { displayName: 'Гонкин Иван' }, 'the newer value stands');
});
