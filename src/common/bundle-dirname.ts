import path from 'node:path';
import { fileURLToPath } from 'node:url';

// libpg-query's Emscripten loader finds libpg-query.wasm through the CommonJS `__dirname`, which an ES
// module bundle does not have. Imported first by the entry points, this points it at the bundle's own
// folder, where scripts/bundle.mjs puts the .wasm file.
const global = globalThis as { __dirname?: string };
global.__dirname ??= path.dirname(fileURLToPath(import.meta.url));
