// Generates src/generated/ (TypeScript payload types and the expanded schemas) from avro/.
//   node scripts/generate.mjs          write the files
//   node scripts/generate.mjs --check  exit 1 if the committed files differ (CI, typecheck)
import { CatalogError } from './lib/build-catalog.mjs';
import { buildGeneratedFiles, findOutdatedFiles, writeGeneratedFiles } from './lib/generated-files.mjs';

const check = process.argv.includes('--check');

try {
  const { catalog, files } = await buildGeneratedFiles();
  if (check) {
    const problems = findOutdatedFiles(files);
    if (problems.length > 0) {
      console.error('libs/schemas/src/generated is out of date with libs/schemas/avro:');
      for (const problem of problems) console.error(`  - ${problem}`);
      console.error('Run `npm run generate -w libs/schemas` and commit the result.');
      process.exit(1);
    }
    console.log(`libs/schemas/src/generated is up to date (${catalog.events.length} events on ${catalog.topics.length} topics).`);
  } else {
    writeGeneratedFiles(files);
    console.log(`Generated libs/schemas/src/generated (${catalog.events.length} events on ${catalog.topics.length} topics).`);
  }
} catch (error) {
  if (!(error instanceof CatalogError)) throw error;
  console.error(`Invalid schema catalog: ${error.message}`);
  process.exit(1);
}
