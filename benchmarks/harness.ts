// Shared by the load benchmarks: child processes from dist/ that are always killed by PID at the
// end, the simulator as a separate process with its JSON summary, and a uWS echo server as the
// baseline.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');

export interface Phase {
  readonly name: string; readonly devices: number; readonly rate: number; readonly durationS: number;
  readonly tapsPerFrame: number; readonly inFlight: number; readonly kind?: 'turnstile' | 'pos';
  /** Turnstile directions (simulator --direction); alternate unless given. */
  readonly direction?: 'alternate' | 'entry';
}

const children = new Set<ChildProcess>();
process.on('exit', () => { for (const c of children) if (c.exitCode === null) c.kill('SIGKILL'); });

export interface Logged {
  readonly child: ChildProcess;
  line(pred: (l: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  stdout(): string;
}

/**
 * Extra node flags for every process a benchmark starts, from BENCH_NODE_ARGS (space-separated):
 * `BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles them (not allowed in NODE_OPTIONS).
 */
const NODE_ARGS = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');

export function spawnLogged(script: string, args: string[], env: Record<string, string>): Logged {
  const child = spawn(process.execPath, [...NODE_ARGS, join(DIST, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  const waiters: Array<[(l: Record<string, unknown>) => boolean, (l: Record<string, unknown>) => void]> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    out += line + '\n';
    try {
      const l = JSON.parse(line) as Record<string, unknown>;
      for (const [p, r] of waiters) if (p(l)) r(l);
    } catch { /* not JSON */ }
  });
  createInterface({ input: child.stderr! }).on('line', (line) => process.stderr.write(`  [${script}] ${line}\n`));
  return { child, stdout: () => out, line: (pred) => new Promise((r, j) => { waiters.push([pred, r]); child.once('exit', (c) => j(new Error(`${script} exited ${c}`))); }) };
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((r) => { if (child.exitCode !== null) return r(); child.once('exit', () => r()); child.kill('SIGTERM'); });
}

export async function stopAll(): Promise<void> {
  for (const c of [...children]) await stop(c);
}

/** Runs the simulator for one phase and returns its JSON summary; `onStart` gets its PID (to sample its CPU). */
export async function simulate(url: string, registryPath: string, p: Phase, echo: boolean, warmupS: number,
  onStart?: (pid: number) => void): Promise<Record<string, unknown>> {
  const args = ['--url', url, '--registry', registryPath, '--kind', p.kind ?? 'turnstile', '--devices', String(p.devices), '--rate', String(p.rate),
    '--duration', String(p.durationS), '--warmup', String(warmupS), '--taps-per-frame', String(p.tapsPerFrame), '--in-flight', String(p.inFlight)];
  if (echo) args.push('--echo');
  if (p.direction !== undefined) args.push('--direction', p.direction);
  const sim = spawnLogged('simulator/main.js', args, {});
  if (sim.child.pid !== undefined) onStart?.(sim.child.pid);
  const code = await new Promise<number | null>((r) => sim.child.once('exit', r));
  if (code !== 0) throw new Error(`simulator exited ${code}`);
  return JSON.parse(sim.stdout()) as Record<string, unknown>;
}

/** Runs one phase against a fresh uWS echo server: the baseline. */
export async function echoBaseline(registryPath: string, p: Phase, warmupS: number): Promise<Record<string, unknown>> {
  const echo = spawnLogged('benchmarks/echo-server.js', [], { ECHO_PORT: '0' });
  const port = (await echo.line((l) => l['msg'] === 'echo listening'))['port'];
  try {
    return await simulate(`ws://127.0.0.1:${port}/device/v1`, registryPath, p, true, warmupS);
  } finally {
    await stop(echo.child);
  }
}

/** The gateway's own view of a phase, from its /metrics text. */
export function pickMetrics(text: string): Record<string, number> {
  const v = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  const ratio = (a: string, b: string) => Math.round((v(a) / v(b)) * 1e6) / 1e6;
  return {
    ledgerAppends: v('tapgate_gateway_ledger_appends_total'),
    ledgerEventsPerAppend: ratio('tapgate_gateway_ledger_events_total', 'tapgate_gateway_ledger_appends_total'),
    ledgerAppendMeanS: ratio('tapgate_gateway_ledger_append_seconds_sum', 'tapgate_gateway_ledger_append_seconds_count'),
    framesPerWorkerTask: ratio('tapgate_gateway_worker_task_frames_sum', 'tapgate_gateway_worker_task_frames_count'),
    decisionLatencyMeanS: ratio('tapgate_gateway_decision_latency_seconds_sum', 'tapgate_gateway_decision_latency_seconds_count'),
  };
}
