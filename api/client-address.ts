// Which address a request came from, for the per-address sign-in limits (api/login.ts). By
// default it is the TCP peer's. Behind a reverse proxy every request's peer is the proxy, and the
// limits would count the whole city as one client; so the proxies named in
// TAPGATE_TRUSTED_PROXIES (addresses or CIDR ranges) are trusted to say who their client was, in
// X-Forwarded-For. The header is read from the right: each proxy appends the address it saw, so
// the first entry that is not a trusted proxy is the client. Entries to its left are whatever the
// client sent and are never believed. A peer that is not a trusted proxy is the client, whatever
// it puts in the header. Several X-Forwarded-For lines (HAProxy adds its own line after the
// client's) are read as one list, in order (api/server.ts joins them).
//
// An IPv6 client is counted by its /64: one subscriber holds at least that many addresses and
// could otherwise rotate through them, and any spelling of an address gives the same key.
import { BlockList, isIP } from 'node:net';
import { TapgateError } from '../core/index.js';

/** Entries of TAPGATE_TRUSTED_PROXIES, at most. */
export const TRUSTED_PROXIES_MAX = 64;
/** X-Forwarded-For entries read, at most, from the right (a longer chain is a misconfiguration or an attack). */
export const FORWARDED_HOPS_MAX = 16;

/** The trusted proxies, parsed once; `empty` when none are set. */
export class TrustedProxies {
  private constructor(private readonly list: BlockList, readonly size: number) {}

  /** Parses "10.0.0.5, 10.1.0.0/16, ::1"; CONFIG_INVALID names the variable and the bad entry. */
  static parse(raw: string, key = 'TAPGATE_TRUSTED_PROXIES'): TrustedProxies {
    const entries = raw.split(',').map((e) => e.trim()).filter((e) => e !== '');
    if (entries.length === 0) return TrustedProxies.empty;
    const refuse = (why: string) => new TapgateError('CONFIG_INVALID',
      `${key}=${JSON.stringify(raw.slice(0, 200))}: expected IP addresses or CIDR ranges, comma-separated, at most ${TRUSTED_PROXIES_MAX} (${why})`,
      { details: { key } });
    if (entries.length > TRUSTED_PROXIES_MAX) throw refuse(`${entries.length} entries`);
    const list = new BlockList();
    for (const entry of entries) {
      const [address = '', prefix, extra] = entry.split('/');
      const family = isIP(address);
      if (family === 0 || extra !== undefined) throw refuse(`${JSON.stringify(entry.slice(0, 64))} is not one`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) { list.addAddress(address, type); continue; }
      const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
      if (bits < 0 || bits > (family === 4 ? 32 : 128)) throw refuse(`${JSON.stringify(entry.slice(0, 64))} has no valid prefix length`);
      list.addSubnet(address, bits, type);
    }
    return new TrustedProxies(list, entries.length);
  }

  private static none: TrustedProxies | undefined;
  /** No trusted proxy: every request's client is its TCP peer. */
  static get empty(): TrustedProxies {
    return (TrustedProxies.none ??= new TrustedProxies(new BlockList(), 0));
  }

  has(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }

  /**
   * The client's address: the peer's, unless the peer is a trusted proxy, and then the rightmost
   * X-Forwarded-For entry that is not one (an entry that is not an address, or an empty one from
   * a trailing comma, stops the walk, and the last trusted hop is taken). All entries trusted, or
   * no header: the leftmost trusted hop. An IPv6 client comes back as its /64.
   */
  clientOf(peer: string, forwardedFor: string): string {
    return counted(this.hopsBack(plain(peer), forwardedFor));
  }

  private hopsBack(peer: string, forwardedFor: string): string {
    let client = peer;
    if (this.size === 0 || !this.has(client) || forwardedFor === '') return client;
    const hops = forwardedFor.split(',');
    for (let i = hops.length - 1; i >= Math.max(0, hops.length - FORWARDED_HOPS_MAX); i--) {
      const hop = plain(bare(hops[i]!.trim()));
      if (isIP(hop) === 0) return client;
      client = hop;
      if (!this.has(hop)) return client;
    }
    return client;
  }
}

/** The key a client is counted under: an IPv4 address as it is, an IPv6 one as its /64 ("2001:db8:0:0::/64"). */
function counted(address: string): string {
  if (isIP(address) !== 6) return address;
  const text = address.split('%')[0]!.toLowerCase();
  const groupsOf = (part: string) => part === '' ? [] : part.split(':').flatMap((g) => {
    if (!g.includes('.')) return [g];
    const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
    return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  });
  const gap = text.indexOf('::');
  const head = groupsOf(gap < 0 ? text : text.slice(0, gap));
  const tail = gap < 0 ? [] : groupsOf(text.slice(gap + 2));
  const all = gap < 0 ? head : [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** "::ffff:10.0.0.1" as "10.0.0.1", so one client is one address whichever way the socket spells it. */
function plain(address: string): string {
  return address.toLowerCase().startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** An X-Forwarded-For entry without brackets or a port ("[::1]:443", "10.0.0.1:5000"), as some proxies write it. */
function bare(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed !== null) return bracketed[1]!;
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return v4port !== null ? v4port[1]! : hop;
}
