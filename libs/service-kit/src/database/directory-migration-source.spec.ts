import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryMigrationSource } from './directory-migration-source';

function directoryWith(...files: string[]): string {
  const directory = mkdtempSync(join(tmpdir(), 'migrations-'));
  for (const file of files) writeFileSync(join(directory, file), 'exports.up = async () => {};\nexports.down = async () => {};\n');
  return directory;
}

describe('DirectoryMigrationSource', () => {
  it('lists migrations from every directory in file-name order, named without extension', async () => {
    const service = directoryWith('20260301000000_create-orders.ts', '20260101000000_create-event-tables.ts', 'index.d.ts', 'notes.md');
    const shared = directoryWith('20260201000000_add-index.js', '20260201000000_add-index.js.map');
    const source = new DirectoryMigrationSource([service, shared]);

    const names = (await source.getMigrations()).map((migration) => source.getMigrationName(migration));

    expect(names).toEqual(['20260101000000_create-event-tables', '20260201000000_add-index', '20260301000000_create-orders']);
  });

  it('refuses two migrations with the same name', async () => {
    const source = new DirectoryMigrationSource([directoryWith('20260101000000_a.ts'), directoryWith('20260101000000_a.js')]);

    await expect(source.getMigrations()).rejects.toThrow('Two migrations are named 20260101000000_a');
  });

  it('fails on a directory that does not exist rather than skipping it', async () => {
    const source = new DirectoryMigrationSource(['/nonexistent/migrations']);

    await expect(source.getMigrations()).rejects.toThrow(/ENOENT/);
  });

  it('loads a migration module', async () => {
    const source = new DirectoryMigrationSource([directoryWith('20260101000000_a.js')]);
    const [migration] = await source.getMigrations();

    expect(typeof (await source.getMigration(migration)).up).toBe('function');
  });
});
