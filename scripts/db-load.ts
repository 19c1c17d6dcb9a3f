// `npm run db:load -- --cases 1000000 [--seed 42] [--batch 5000] [--audit cases|full|none]`: fills the PostgreSQL server in
// DATABASE_URL with ten years of national data for benchmarks (see README, "National scale").
import { LoadRefusedError, loadPassword, runLoad } from '@/demo-data/load/load';
import { parseLoadOptions } from '@/demo-data/load/options';
import { env } from '@/lib/env';

const url = env().DATABASE_URL;
if (!url) {
  console.error(
    'db:load fills a PostgreSQL server and needs DATABASE_URL (the embedded PGlite database is not a target for a million cases).\n' +
      'For example:\n  createdb -h 127.0.0.1 -U postgres cb_load\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/cb_load npm run db:migrate\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/cb_load npm run db:load -- --cases 1000000',
  );
  process.exit(2);
}

let options;
try {
  options = parseLoadOptions(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const where = new URL(url);
console.error(`Loading ${options.cases.toLocaleString('en')} cases into ${where.host}${where.pathname} (seed ${options.seed}, batches of ${options.batch}${options.audit === 'full' ? ', an audit entry for every write' : options.audit === 'cases' ? ', an audit entry per case created' : ', no audit entries'})…`);
try {
  const result = await runLoad(url, options);
  const total = Object.values(result.rows).reduce((sum, count) => sum + count, 0);
  console.log(`Loaded in ${result.seconds.toFixed(1)} s (${Math.round(options.cases / result.seconds).toLocaleString('en')} cases/s, ${Math.round(total / result.seconds).toLocaleString('en')} rows/s):`);
  for (const [table, count] of Object.entries(result.rows)) console.log(`  ${table.padEnd(22)} ${count.toLocaleString('en').padStart(12)}`);
  if (result.auditSkippedReason) console.log(`Audit entries were skipped after the database refused them: ${result.auditSkippedReason}`);
  console.log(`Reference counters set for ${result.counters.length} province-years.`);
  if (result.numberingProblems.length > 0) {
    console.error(`Reference numbers are NOT gap-free in ${result.numberingProblems.length} province-years:\n  ${result.numberingProblems.slice(0, 20).join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('Reference numbers checked: gap-free and matching the counters in every province-year.');
  }
  console.log(`Accounts (password "${loadPassword}"): ${result.directory.sampleAccounts.map((account) => `${account.email} (${account.role})`).join(', ')}; officerNN@<province>.police.load for every province.`);
} catch (error) {
  if (error instanceof LoadRefusedError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
