// Registers every catalog schema with the schema registry, each subject under
// BACKWARD_TRANSITIVE. Exits 1 naming each refused subject and the registry's reason.
//   npm run schemas:register          SCHEMA_REGISTRY_URL defaults to http://127.0.0.1:58081
import { CatalogError } from './lib/build-catalog.mjs';
import { buildGeneratedFiles, findOutdatedFiles } from './lib/generated-files.mjs';
import { importTypeScript } from './lib/import-typescript.mjs';

const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:58081';

try {
  const { catalog, files } = await buildGeneratedFiles();
  // Services embed src/generated; registering anything else would leave them unregistered.
  if (findOutdatedFiles(files).length > 0) {
    console.error('libs/schemas/src/generated is out of date with avro/; run `npm run generate -w libs/schemas` first.');
    process.exit(1);
  }
  const { registerSchemas, SUBJECT_COMPATIBILITY } = await importTypeScript('registration.ts');
  const { registered, failures } = await registerSchemas(registryUrl, catalog.events);
  for (const { subject, id } of registered) console.log(`registered ${subject} (schema id ${id}, ${SUBJECT_COMPATIBILITY})`);
  for (const failure of failures) console.error(`REFUSED ${failure.message}`);
  if (failures.length > 0) {
    console.error(`${failures.length} of ${catalog.events.length} schemas were refused by ${registryUrl}.`);
    process.exit(1);
  }
} catch (error) {
  if (error instanceof CatalogError) {
    console.error(`Invalid schema catalog: ${error.message}`);
  } else if (error instanceof TypeError && error.message === 'fetch failed') {
    console.error(`Cannot reach the schema registry at ${registryUrl}: ${error.cause?.message ?? error.message}`);
  } else {
    throw error;
  }
  process.exit(1);
}
