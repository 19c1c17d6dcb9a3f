import fs from 'node:fs';
import path from 'node:path';
import { clientTypesFile, renderClientTypes } from '@/lib/api/v1/client-types';

// Regenerates the typed client's types from the OpenAPI document; lib/api/v1/client-types.test.ts fails when stale.
const target = path.resolve(process.cwd(), clientTypesFile);
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, await renderClientTypes());
console.log(`wrote ${clientTypesFile}`);
