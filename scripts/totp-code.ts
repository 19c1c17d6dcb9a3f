// `npm run totp -- <email>`: the current two-step sign-in code of a demo account, computed from the secret
// published in demo-data/seed/demo-accounts.ts (and the README). It never reads the database, so it cannot print
// a code for a real account: only demo accounts have a published secret.
import { totpCodeAt, totpPeriodSeconds } from '@/lib/auth/totp';
import { demoAccounts, type DemoAccount } from '@/demo-data/seed/demo-accounts';

const email = process.argv[2]?.trim().toLowerCase();
const withSecret = demoAccounts.filter((account: DemoAccount) => account.totpSecret);
const account: DemoAccount | undefined = withSecret.find((candidate) => candidate.email.toLowerCase() === email);
if (!account?.totpSecret) {
  console.error(`Usage: npm run totp -- <email>, for a demo account with two-step sign-in: ${withSecret.map((candidate) => candidate.email).join(', ')}`);
  process.exit(1);
}
const now = Date.now();
const secondsLeft = totpPeriodSeconds - Math.floor(now / 1000) % totpPeriodSeconds;
console.log(totpCodeAt(account.totpSecret, now));
console.error(`valid for ${secondsLeft} more seconds (and the 30 seconds either side); each code works once`);
