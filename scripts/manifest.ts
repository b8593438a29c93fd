// Writes src/builtins/manifest.json: every built-in's spec but its `run`, read from the real
// command modules, so start-up reads commands as data and imports a module on first use.
// Run it (npm run manifest) after adding or changing a command; test/builtins/manifest.test.ts
// fails while the file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commandModules, type ManifestEntry } from '../src/builtins/registry.js';

export const MANIFEST = fileURLToPath(new URL('../src/builtins/manifest.json', import.meta.url));

/** The manifest the command modules make today, as JSON values (the form the file holds). */
export async function buildManifest(): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const [module, load] of Object.entries(commandModules)) {
    const { run: _run, items, finish, ...spec } = (await load()).default;
    // The call-level hooks are functions: the manifest says which the module has.
    const hooks = [...(items ? ['items' as const] : []), ...(finish ? ['finish' as const] : [])];
    const data = JSON.parse(JSON.stringify(spec)) as ManifestEntry['spec'];
    entries.push(hooks.length ? { module, spec: data, hooks } : { module, spec: data });
  }
  return entries;
}

export function manifestText(entries: ManifestEntry[]): string {
  return JSON.stringify(entries, null, 1) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(MANIFEST, manifestText(await buildManifest()));
