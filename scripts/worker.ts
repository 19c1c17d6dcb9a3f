// `npm run worker`: the job workers alone, against the PostgreSQL server in DATABASE_URL. Several may run at once
// (each job is taken by one of them). The embedded database belongs to the app server, which runs its own workers.
import { env } from '@/lib/env';
import { startAppWorkers } from '@/lib/jobs/app-workers';

if (!env().DATABASE_URL) {
  console.error('CaseBridge: `npm run worker` needs DATABASE_URL. On the embedded database `npm start` runs the workers itself.');
  process.exit(1);
}
if (!(await startAppWorkers())) process.exit(1);
console.log('CaseBridge: job workers running; Ctrl-C stops them after the jobs in progress.');
