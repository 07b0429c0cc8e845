import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Knex } from 'knex';

interface MigrationFile {
  name: string;
  path: string;
}

const MIGRATION_FILE = /^(?!.*\.d\.ts$).+\.(js|ts)$/;

/**
 * Knex migrations from several directories, applied in file-name order across all of them.
 * Names drop the extension, so the compiled `.js` (dist) and the `.ts` source (tests) count as
 * the same migration; knex's own loader records `x.ts` and `x.js` as different ones.
 */
export class DirectoryMigrationSource implements Knex.MigrationSource<MigrationFile> {
  constructor(private readonly directories: readonly string[]) {}

  async getMigrations(): Promise<MigrationFile[]> {
    const perDirectory = await Promise.all(
      this.directories.map(async (directory) =>
        (await readdir(directory))
          .filter((file) => MIGRATION_FILE.test(file))
          .map((file) => ({ name: file.slice(0, -extname(file).length), path: join(directory, file) })),
      ),
    );
    const migrations = perDirectory.flat().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const duplicate = migrations.find((migration, index) => index > 0 && migrations[index - 1].name === migration.name);
    if (duplicate) throw new Error(`Two migrations are named ${duplicate.name}: names must be unique across ${this.directories.join(', ')}`);
    return migrations;
  }

  getMigrationName(migration: MigrationFile): string {
    return migration.name;
  }

  getMigration(migration: MigrationFile): Promise<Knex.Migration> {
    return import(migration.path);
  }
}
