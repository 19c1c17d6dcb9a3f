#!/usr/bin/env node
// Fails when an installed dependency is older than the first release with a known security fix. Works
// offline, unlike `npm audit`, whose advisory endpoint this network may not reach.
import fs from 'node:fs';
import path from 'node:path';

const floors = {
  next: ['16.2.6', '15.5.18'],
  react: ['19.2.3'],
  'react-dom': ['19.2.3'],
  'drizzle-orm': ['0.45.2'],
  'next-auth': ['4.24.12'],
};

const parse = (version) => version.split(/[.-]/).slice(0, 3).map(Number);
const compare = (a, b) => {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};

let failures = 0;
for (const [name, minimums] of Object.entries(floors)) {
  const installed = JSON.parse(fs.readFileSync(path.join('node_modules', name, 'package.json'), 'utf8')).version;
  // A floor applies to its own major line: next 15.x must be ≥ 15.5.18, next 16.x ≥ 16.2.6.
  const floor = minimums.find((minimum) => parse(minimum)[0] === parse(installed)[0]) ?? minimums[0];
  const isSafe = compare(installed, floor) >= 0;
  console.log(`${isSafe ? 'ok  ' : 'FAIL'} ${name} ${installed} (needs ≥ ${floor})`);
  if (!isSafe) failures++;
}
process.exit(failures ? 1 : 0);
