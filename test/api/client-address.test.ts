// Which address a request came from (api/client-address.ts): TAPGATE_TRUSTED_PROXIES parsed into
// addresses and CIDR ranges with clear refusals, and X-Forwarded-For believed only from a trusted
// peer, read from the right, so a client cannot choose the address its limits are counted under.
import t from 'tap';
import { TapgateError } from '../../core/index.js';
import { FORWARDED_HOPS_MAX, TRUSTED_PROXIES_MAX, TrustedProxies } from '../../api/client-address.js';

const KEY = 'TAPGATE_TRUSTED_PROXIES';

function refusal(raw: string): string {
  try { TrustedProxies.parse(raw); return 'accepted'; } catch (err) {
    if (!(err instanceof TapgateError)) throw err;
    t.same(err.details, { key: KEY }, `${raw}: names the variable`);
    return `${err.code} ${err.message}`;
  }
}

t.test('trusted proxies - parsing', async (t) => {
  t.equal(TrustedProxies.parse(''), TrustedProxies.empty, 'empty: none');
  t.equal(TrustedProxies.parse(' , ').size, 0, 'only separators: none');
  const p = TrustedProxies.parse(' 10.0.0.5 ,172.16.0.0/12, ::1, fd00::/8 ');
  t.equal(p.size, 4);
  for (const a of ['10.0.0.5', '172.16.0.1', '172.31.255.255', '::1', 'fd00::7', '::ffff:10.0.0.5']) t.ok(p.has(a), `${a} is trusted`);
  for (const a of ['10.0.0.6', '172.32.0.1', '::2', 'fe80::1', 'garbage', '']) t.notOk(p.has(a), `${JSON.stringify(a)} is not`);
  const what = `expected IP addresses or CIDR ranges, comma-separated, at most ${TRUSTED_PROXIES_MAX}`;
  t.equal(refusal('10.0.0.300'), `CONFIG_INVALID ${KEY}="10.0.0.300": ${what} ("10.0.0.300" is not one)`);
  t.equal(refusal('10.0.0.1, proxy.local'), `CONFIG_INVALID ${KEY}="10.0.0.1, proxy.local": ${what} ("proxy.local" is not one)`);
  t.equal(refusal('10.0.0.0/33'), `CONFIG_INVALID ${KEY}="10.0.0.0/33": ${what} ("10.0.0.0/33" has no valid prefix length)`);
  t.equal(refusal('::/129'), `CONFIG_INVALID ${KEY}="::/129": ${what} ("::/129" has no valid prefix length)`);
  t.equal(refusal('10.0.0.0/8/1'), `CONFIG_INVALID ${KEY}="10.0.0.0/8/1": ${what} ("10.0.0.0/8/1" is not one)`);
  t.equal(refusal('10.0.0.0/x'), `CONFIG_INVALID ${KEY}="10.0.0.0/x": ${what} ("10.0.0.0/x" has no valid prefix length)`);
  const many = Array.from({ length: TRUSTED_PROXIES_MAX + 1 }, (_, i) => `10.0.0.${i}`).join(',');
  t.match(refusal(many), `(${TRUSTED_PROXIES_MAX + 1} entries)`, 'a limit on the list');
  t.equal(refusal(Array.from({ length: TRUSTED_PROXIES_MAX }, (_, i) => `10.0.1.${i}`).join(',')), 'accepted', 'up to the limit');
});

t.test('trusted proxies - an IPv6 client is counted by its /64, however it is written', async (t) => {
  const none = TrustedProxies.empty;
  const cases: Array<[string, string]> = [
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:DB8:0::ffff', '2001:db8:0:0::/64'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8:0:0::/64'],
    ['2001:db8:0:0:1:2:3:4', '2001:db8:0:0::/64'],
    ['2001:db8:1::1', '2001:db8:1:0::/64'],
    ['2001:db8:a:b:c::', '2001:db8:a:b::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['198.51.100.7', '198.51.100.7'],
  ];
  for (const [peer, want] of cases) t.equal(none.clientOf(peer, ''), want, peer);
});

t.test('trusted proxies - the client of a request', async (t) => {
  const none = TrustedProxies.empty;
  t.equal(none.clientOf('198.51.100.1', '203.0.113.9'), '198.51.100.1', 'no trusted proxy: the peer, whatever the header says');
  t.equal(none.clientOf('::ffff:198.51.100.1', ''), '198.51.100.1', 'an IPv4-mapped peer is its IPv4 address');
  const p = TrustedProxies.parse('10.0.0.1, 10.2.0.0/16');
  const cases: Array<[string, string, string, string]> = [
    ['10.0.0.1', '', '10.0.0.1', 'a trusted peer with no header: the peer'],
    ['10.0.0.1', '203.0.113.9', '203.0.113.9', 'a trusted peer: the address it forwards'],
    ['198.51.100.1', '203.0.113.9', '198.51.100.1', 'an untrusted peer: its header is ignored'],
    ['10.0.0.1', '1.2.3.4, 203.0.113.9', '203.0.113.9', 'what the client wrote to the left is not believed'],
    ['10.0.0.1', '1.2.3.4,203.0.113.9 , 10.2.3.4', '203.0.113.9', 'trusted hops are skipped from the right'],
    ['10.0.0.1', '10.2.0.7, 10.2.3.4', '10.2.0.7', 'all hops trusted: the leftmost'],
    ['10.0.0.1', '203.0.113.9:5123', '203.0.113.9', 'a hop with a port'],
    ['10.0.0.1', '[2001:DB8::1]:443', '2001:db8:0:0::/64', 'a bracketed IPv6 hop with a port, counted by its /64'],
    ['10.0.0.1', '203.0.113.9,', '10.0.0.1', 'a trailing comma (an empty hop): the last trusted one'],
    ['::FFFF:10.0.0.1', '203.0.113.9', '203.0.113.9', 'an IPv4-mapped trusted peer in capitals'],
    ['10.0.0.1', '::ffff:203.0.113.9', '203.0.113.9', 'an IPv4-mapped hop'],
    ['10.0.0.1', 'unknown', '10.0.0.1', 'a hop that is not an address: the last trusted one'],
    ['10.0.0.1', '203.0.113.9, unknown, 10.2.3.4', '10.2.3.4', 'the walk stops at it'],
    ['::ffff:10.0.0.1', '203.0.113.9', '203.0.113.9', 'an IPv4-mapped trusted peer'],
  ];
  for (const [peer, header, want, name] of cases) t.equal(p.clientOf(peer, header), want, `${name}: ${peer} / ${JSON.stringify(header)}`);
  const mapped = TrustedProxies.parse('::ffff:10.0.0.0/104');
  t.equal(mapped.clientOf('10.0.0.9', '203.0.113.9'), '203.0.113.9', 'a trusted range written as IPv4-mapped IPv6 covers the IPv4 peer');
  const long = [...Array.from({ length: FORWARDED_HOPS_MAX + 5 }, () => '10.2.0.1'), '10.2.0.2'].join(',');
  t.equal(p.clientOf('10.0.0.1', `203.0.113.9,${long}`), '10.2.0.1', `at most ${FORWARDED_HOPS_MAX} hops are read`);
});
