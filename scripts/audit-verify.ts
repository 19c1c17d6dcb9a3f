// `npm run audit:verify`: walks the audit log's hash chain in DATABASE_URL (or the embedded database) and prints
// "ok, N entries", or the first entry that does not match and exits 1. It only reads; it never migrates.
import { closeDatabase, getDatabaseHandle } from '@/db/client';
import { describeAuditChainResult, verifyAuditChain } from '@/lib/audit/verify-audit-chain';

let exitCode = 0;
try {
  const result = await verifyAuditChain(getDatabaseHandle().db);
  if (result.ok) console.log(describeAuditChainResult(result));
  else {
    console.error(describeAuditChainResult(result));
    exitCode = 1;
  }
} catch (error) {
  console.error(`audit:verify could not read the audit log: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 2;
} finally {
  await closeDatabase();
}
process.exit(exitCode);
