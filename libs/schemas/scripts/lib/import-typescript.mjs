// Loads a TypeScript module of this library with Node's built-in type stripping, so the scripts
// share code with src/ (e.g. the logical types) without a prior build. Such modules must be
// erasable TypeScript with no relative imports (Node needs explicit extensions there).
import { fileURLToPath } from 'node:url';

const srcDir = fileURLToPath(new URL('../../src/', import.meta.url));
let warningFilterInstalled = false;

export async function importTypeScript(relativePath) {
  hideTypelessPackageWarning();
  return import(new URL(`../../src/${relativePath}`, import.meta.url).href);
}

// package.json has no "type" (dist/ is CommonJS), so Node warns once per .ts file that it
// re-parses it as an ES module. Drop only that warning, only for our sources.
function hideTypelessPackageWarning() {
  if (warningFilterInstalled) return;
  warningFilterInstalled = true;
  const defaultListeners = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.code === 'MODULE_TYPELESS_PACKAGE_JSON' && warning.message.includes(srcDir)) return;
    for (const listener of defaultListeners) listener(warning);
  });
}
