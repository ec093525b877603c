// `npm run token -- create --role ROLE [--school ID ...] [--guardian ID] [--label TEXT]` creates an
// admin API token in the KV bucket at TAPGATE_NATS_URL and prints it (the only copy of its
// secret); `npm run token -- revoke ID` revokes one; `npm run token -- list` lists ids and roles.
import { parseArgs } from 'node:util';
import { connectNats, natsAuthVars } from '../lib/index.js';
import { createToken, openTokenBucket, ROLES, tokenSpecProblem, type Role, type TokenRecord } from '../api/tokens.js';

const USAGE = `usage:
  npm run token -- create --role ${ROLES.join('|')} [--school ID ...] [--guardian ID] [--label TEXT]
  npm run token -- revoke TOKEN_ID
  npm run token -- list
`;
const { values, positionals } = parseArgs({ allowPositionals: true, options: {
  role: { type: 'string' }, school: { type: 'string', multiple: true }, guardian: { type: 'string' }, label: { type: 'string' },
} });
const [command, arg] = positionals;
const fail = (m: string): never => { process.stderr.write(`token: ${m}\n${USAGE}`); process.exit(2); };
const url = process.env['TAPGATE_NATS_URL'] ?? 'nats://127.0.0.1:14222';
const auth = natsAuthVars(process.env);

if (command === 'create') {
  const spec = { role: (values.role ?? '') as Role, schoolIds: values.school ?? [], guardianId: values.guardian ?? '', label: values.label ?? '' };
  const problem = tokenSpecProblem(spec);
  if (problem !== null) fail(problem);
  const nc = await connectNats(url, 'tapgate-token', auth);
  const { token, record } = await createToken(await openTokenBucket(nc), spec);
  await nc.drain();
  process.stderr.write(`token ${record.id} (${record.role}) created; this is the only time its secret is shown:\n`);
  process.stdout.write(`${token}\n`);
} else if (command === 'revoke' && arg !== undefined) {
  const nc = await connectNats(url, 'tapgate-token', auth);
  const kv = await openTokenBucket(nc);
  const e = await kv.get(`token.${arg}`);
  if (e === null || e.operation !== 'PUT') { await nc.drain(); fail(`no token ${arg}`); }
  await kv.put(`token.${arg}`, JSON.stringify({ ...(e!.json<TokenRecord>()), revoked: true }));
  await nc.drain();
  process.stdout.write(`token ${arg} revoked\n`);
} else if (command === 'list') {
  const nc = await connectNats(url, 'tapgate-token', auth);
  const kv = await openTokenBucket(nc);
  for await (const key of await kv.keys('token.>')) {
    const e = await kv.get(key);
    if (e === null || e.operation !== 'PUT') continue;
    const r = e.json<TokenRecord>();
    process.stdout.write(`${r.id}\t${r.role}\t${r.revoked ? 'revoked' : 'active'}\t${r.schoolIds.join(',')}\t${r.guardianId}\t${r.label}\n`);
  }
  await nc.drain();
} else fail('unknown command');
