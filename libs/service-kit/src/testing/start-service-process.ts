import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { testStack } from '@backbone/events/testing';
import { TEST_WEBHOOK_SECRET } from './stack-env';

export interface RunningService {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts a built service (`apps/<name>/dist/main.js`) in its own process against the test stack,
 * as it runs in production, and waits until /health/ready answers 200. For system tests and benchmarks.
 */
export async function startServiceProcess(name: string, env: Record<string, string>): Promise<RunningService> {
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', join(__dirname, '../../../../apps', name, 'dist/main.js')], {
    env: { ...process.env, KAFKA_BROKERS: testStack.brokers.join(','), SCHEMA_REGISTRY_URL: testStack.registryUrl, HTTP_PORT: port, LOG_LEVEL: 'warn', AUTH_MODE: 'disabled', WEBHOOK_SECRETS: JSON.stringify({ wms: [TEST_WEBHOOK_SECRET] }), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${name} was not ready within 60 s:\n${output}`);
    const ready = await fetch(`${url}/health/ready`).then((response) => response.ok, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
