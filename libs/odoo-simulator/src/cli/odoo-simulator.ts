/* Starts an Odoo simulator with the demo catalog for the demonstration flow.
 *   ODOO_SIMULATOR_PORT (default 58069), ODOO_SIMULATOR_HOST (127.0.0.1),
 *   ODOO_SIMULATOR_VERSION (16|17|18|19, default 19), ODOO_SIMULATOR_LATENCY_MS (0),
 *   ODOO_SIMULATOR_WORKERS (8). Stops on SIGINT/SIGTERM. */
import { OdooVersion } from '../orm/model-definition';
import { seedDemoCatalog } from '../seed/demo-catalog';
import { startOdooSimulator } from '../simulator';

const VERSIONS = ['16', '17', '18', '19'];

function readConfig() {
  const env = process.env;
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number) => {
    const raw = env[name] ?? String(fallback);
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) problems.push(`${name} must be an integer >= ${min}, got "${raw}"`);
    return value;
  };
  const version = env.ODOO_SIMULATOR_VERSION ?? '19';
  if (!VERSIONS.includes(version)) problems.push(`ODOO_SIMULATOR_VERSION must be one of ${VERSIONS.join(', ')}, got "${version}"`);
  const config = {
    port: integer('ODOO_SIMULATOR_PORT', 58069, 0),
    host: env.ODOO_SIMULATOR_HOST ?? '127.0.0.1',
    version: Number(version) as OdooVersion,
    latencyMs: integer('ODOO_SIMULATOR_LATENCY_MS', 0, 0),
    workers: integer('ODOO_SIMULATOR_WORKERS', 8, 1),
  };
  if (problems.length) {
    console.error(`odoo-simulator: invalid configuration:\n  ${problems.join('\n  ')}`);
    process.exit(2);
  }
  return config;
}

async function main(): Promise<void> {
  const simulator = await startOdooSimulator({ ...readConfig(), seed: (seed) => void seedDemoCatalog(seed) });
  const keys = simulator.users.map((user) => `${user.login} (uid ${user.uid}, password "${user.password}", API key "${user.apiKey}")`);
  console.log(`Odoo ${simulator.version}.0 simulator on ${simulator.url}, database "${simulator.database}"\n  users: ${keys.join('\n         ')}`);
  const shutdown = () => void simulator.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`odoo-simulator failed to start: ${(error as Error).message}`);
  process.exit(1);
});
