// PIPY_SPAWN=n (spec §6.10, issue 4): n + 1 copies of the same pipy command share every listening
// port through node:cluster (the primary owns the sockets and hands connections round robin).
// The primary runs no script: it relays SIGINT and SIGHUP to every worker once, and exits when the
// last worker has, with that worker's exit code.

import cluster from 'node:cluster';

/** The PIPY_SPAWN count, or 0 when unset, empty or not a non-negative integer. */
export function spawnCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PIPY_SPAWN ?? '');
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** True when this process should become the primary of a cluster of `extra + 1` workers. */
export function shouldSpawn(extra: number): boolean {
  return extra > 0 && cluster.isPrimary;
}

/** Forks the workers and supervises them; never returns control to the CLI. */
export function runPrimary(extra: number): void {
  let lastCode = 0;
  for (let i = 0; i <= extra; i++) cluster.fork();
  const relay = (signal: string) => {
    for (const w of Object.values(cluster.workers ?? {})) w?.send({ pipySignal: signal });
  };
  process.on('SIGINT', () => relay('SIGINT'));
  process.on('SIGHUP', () => relay('SIGHUP'));
  // SIGTERM takes the workers along instead of leaving them orphaned.
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    process.exit(143);
  });
  cluster.on('exit', (_w, code) => {
    lastCode = code ?? lastCode;
    if (!Object.keys(cluster.workers ?? {}).length) process.exit(lastCode);
  });
}

export const isSpawnedWorker = (): boolean => cluster.isWorker;
