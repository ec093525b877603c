// Keeps one child process running for `npm start`: restarts it whenever it exits, after the
// delay the backoff policy gives (scripts/lib/backoff.mjs), and says so on the console: which
// child, its exit code or signal, when the next attempt comes and where its log is. It never
// gives up and never touches anything but its own child; stop() ends that child by PID.
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { RESTART_POLICY, nextRestart } from './backoff.mjs';

/** How long a child may take to exit after SIGTERM before it gets SIGKILL, in ms. */
export const CHILD_STOP_TIMEOUT_MS = 30_000;

/**
 * Starts `command args` with stdout and stderr appended to logFile, and restarts it on exit.
 * @param {{ name: string, command: string, args: string[], env?: NodeJS.ProcessEnv,
 *   logFile: string, logName?: string, policy?: typeof RESTART_POLICY,
 *   log: (message: string) => void }} opts
 * logName is how the console names the log (a path relative to the project, say).
 * @returns {{ readonly pid: number | undefined, readonly starts: number, stop(): Promise<void> }}
 */
export function supervise(opts) {
  const policy = opts.policy ?? RESTART_POLICY;
  let child = null;
  let timer = null;
  let stopped = false;
  let failures = 0;
  let starts = 0;

  const startOne = () => {
    timer = null;
    if (stopped) return;
    const out = openSync(opts.logFile, 'a');
    const startedAt = Date.now();
    const proc = spawn(opts.command, opts.args,
      { env: opts.env ?? process.env, stdio: ['ignore', out, out] });
    closeSync(out);
    child = proc;
    starts++;
    proc.once('error', (err) => opts.log(`${opts.name} could not be started: ${err.message}`));
    proc.once('exit', (code, signal) => {
      child = null;
      if (stopped) return;
      const next = nextRestart(policy, failures, Date.now() - startedAt);
      failures = next.failuresInARow;
      const how = code !== null ? `with code ${code}` : `on ${signal}`;
      opts.log(`${opts.name} exited ${how}; next attempt in ${next.delayMs / 1000} s ` +
        `(failure ${failures} in a row); its log: ${opts.logName ?? opts.logFile}`);
      timer = setTimeout(startOne, next.delayMs);
    });
  };

  const stop = () => {
    stopped = true;
    if (timer !== null) { clearTimeout(timer); timer = null; }
    const proc = child;
    if (proc === null || proc.exitCode !== null || proc.signalCode !== null) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const kill = setTimeout(() => {
        try { process.kill(proc.pid, 'SIGKILL'); } catch { /* gone */ }
      }, CHILD_STOP_TIMEOUT_MS);
      proc.once('exit', () => { clearTimeout(kill); resolve(); });
      try { process.kill(proc.pid, 'SIGTERM'); } catch { clearTimeout(kill); resolve(); }
    });
  };

  startOne();
  return {
    get pid() { return child?.pid; },
    get starts() { return starts; },
    stop,
  };
}
