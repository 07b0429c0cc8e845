import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface Started {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

/** Starts one of test/support's scripts with Node 24, waiting until it prints `readyLine`. */
export async function startScript(script: string, env: Record<string, string>, readyLine: string): Promise<Started> {
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', join(__dirname, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const deadline = Date.now() + 30_000;
  while (!output.includes(readyLine)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${script} exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${script} did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, exited, output: () => output };
}

export async function stopScript(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill('SIGTERM');
  await started.exited;
}
