import { readFileSync } from 'node:fs';

/** Shared measurement helpers for the benchmarks. */
export interface PathResult {
  name: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(name: string, events: number, startedAt: number, finishedAt: number, latenciesMs: number[]): PathResult {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const seconds = (finishedAt - startedAt) / 1000;
  return { name, events, seconds, eventsPerSecond: events / seconds, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
}

export function printTable(results: PathResult[]): void {
  console.log('');
  console.log('path'.padEnd(44) + 'events'.padStart(8) + 'events/s'.padStart(11) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9));
  for (const r of results) {
    console.log(r.name.padEnd(44) + String(r.events).padStart(8) + r.eventsPerSecond.toFixed(0).padStart(11) + r.p50Ms.toFixed(1).padStart(9) + r.p99Ms.toFixed(1).padStart(9));
  }
}

/** Resolves when `done()` returns true, polling; rejects after the timeout. */
export async function until(done: () => boolean, timeoutMs: number, what: string, progress?: () => string, pollMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let nextReport = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`benchmark timed out waiting for ${what}`);
    if (progress && Date.now() > nextReport) {
      console.log(`  waiting for ${what}: ${progress()}`);
      nextReport += 10_000;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** User + system CPU time of a process so far (Linux /proc; NaN elsewhere). */
export function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}
