// Shard owners - the preferred owner of a shard (rendezvous hashing over live gateways) is the
// same wherever it is computed, spreads shards over gateways, moves only the shards of a gateway
// that leaves or joins, and picks a standby only when no other gateway lives.
import t from 'tap';
import { preferredOwner, type Announcement } from '../../gateway/edge/shard-owners.js';

const gw = (gatewayId: string, standby = false, owned: string[] = []) => ({ gatewayId, standby, owned }) as unknown as Announcement;
const shards = Array.from({ length: 200 }, (_, i) => `s${i}`);

t.test('shard owners - no live gateway: no owner; one: it owns everything', async (t) => {
  t.equal(preferredOwner('s1', []), null);
  t.same(new Set(shards.map((s) => preferredOwner(s, [gw('a')]))), new Set(['a']));
});

t.test('shard owners - the same answer in any order of the live list', async (t) => {
  const live = [gw('a'), gw('b'), gw('c')];
  for (const s of shards) t.equal(preferredOwner(s, live), preferredOwner(s, [...live].reverse()), s);
});

t.test('shard owners - shards spread over the gateways', async (t) => {
  const count = new Map<string, number>();
  for (const s of shards) { const o = preferredOwner(s, [gw('gw1'), gw('gw2')])!; count.set(o, (count.get(o) ?? 0) + 1); }
  t.ok((count.get('gw1') ?? 0) >= 60 && (count.get('gw2') ?? 0) >= 60, `200 shards split ${count.get('gw1')}/${count.get('gw2')}`);
});

t.test('shard owners - a gateway leaving moves only its own shards; one joining takes only shards it now wins', async (t) => {
  const three = [gw('a'), gw('b'), gw('c')];
  const two = [gw('a'), gw('b')];
  for (const s of shards) {
    const before = preferredOwner(s, three);
    const after = preferredOwner(s, two);
    if (before !== 'c') t.equal(after, before, `${s} stays with ${before}`);
    else t.ok(after === 'a' || after === 'b', `${s} of the gone gateway moves`);
  }
});

t.test('shard owners - a standby owns shards only when no other gateway lives', async (t) => {
  for (const s of shards.slice(0, 20)) t.equal(preferredOwner(s, [gw('z-standby', true), gw('a')]), 'a', s);
  t.equal(preferredOwner('s1', [gw('z-standby', true)]), 'z-standby');
  const standbys = [gw('x', true), gw('y', true)];
  t.ok(['x', 'y'].includes(preferredOwner('s1', standbys)!), 'among standbys, one of them');
  // A standby that took shards over is a gateway like any other: a fresh standby takes nothing from it.
  for (const s of shards.slice(0, 20)) t.equal(preferredOwner(s, [gw('took-over', true, ['main']), gw('fresh', true)]), 'took-over', s);
});
