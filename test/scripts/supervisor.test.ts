// The `npm start` supervisor keeps a child running: a failing child is restarted with growing
// delays, forever, and each exit is reported with the child's name, exit code, the next delay
// and its log; stop() ends the child by PID and no restart follows.
import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain JavaScript module shared with npm start
import { supervise } from '../../scripts/lib/supervisor.mjs';

interface Supervisor { readonly pid: number | undefined; readonly starts: number; stop(): Promise<void> }
const POLICY = { initialDelayMs: 50, factor: 2, maxDelayMs: 200, stableAfterMs: 60_000 };

function start(t: Test, code: string, messages: string[], onMessage = (): void => undefined): Supervisor {
  const dir = mkdtempSync(join(tmpdir(), 'tapgate-supervisor-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const s = (supervise as (o: unknown) => Supervisor)({
    name: 'child', command: process.execPath, args: ['-e', code], logFile: join(dir, 'child.log'),
    logName: 'logs/child.log', policy: POLICY, log: (m: string) => { messages.push(m); onMessage(); },
  });
  t.teardown(() => s.stop());
  return s;
}

t.test('supervisor - a failing child is restarted with doubling delays up to the cap and each exit is named', async (t) => {
  const messages: string[] = [];
  let fifth!: () => void;
  const seen = new Promise<void>((r) => { fifth = r; });
  const s = start(t, 'process.exit(3)', messages, () => { if (messages.length === 5) fifth(); });
  await seen;
  await s.stop();
  const line = (delay: string, n: number): string =>
    `child exited with code 3; next attempt in ${delay} s (failure ${n} in a row); its log: logs/child.log`;
  t.same(messages.slice(0, 5), [line('0.05', 1), line('0.1', 2), line('0.2', 3), line('0.2', 4), line('0.2', 5)]);
  t.ok(s.starts >= 5, 'the child was started again after each exit');
  t.equal(s.pid, undefined, 'no child runs after stop');
});

t.test('supervisor - stop ends a running child by PID and does not start it again', async (t) => {
  const messages: string[] = [];
  const s = start(t, 'setInterval(() => {}, 1000)', messages);
  const pid = s.pid;
  t.type(pid, 'number');
  await s.stop();
  t.throws(() => process.kill(pid!, 0), { code: 'ESRCH' }, 'the child process is gone');
  t.equal(s.starts, 1);
  t.same(messages, [], 'a stop is not reported as a failure');
});
