import { Worker } from 'node:worker_threads';
import type { AuditLevel } from './generate';
import type { GeneratedBuffers } from './load';
import type { GeneratorInit, GeneratorReply, GeneratorRequest } from './generator-worker';
import type { ReferenceCounter } from './reference-numbers';

/**
 * The generator in a worker thread, so generating batch n+1 (JavaScript) and writing batch n (PostgreSQL) use
 * both cores. The worker is TypeScript: it is started through tsx's loader, as `npm run db:load` itself is.
 * Requests are answered in order, one at a time.
 */
export class GeneratorThread {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (reply: GeneratorReply) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor(init: GeneratorInit) {
    const entry = new URL('./generator-worker.ts', import.meta.url).href;
    const bootstrap = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
    this.worker = new Worker(bootstrap, { eval: true });
    this.worker.on('message', (reply: GeneratorReply) => {
      const waiter = this.waiting.shift();
      if (!waiter) return;
      if (reply.type === 'error') waiter.reject(new Error(`Generator failed: ${reply.message}`));
      else waiter.resolve(reply);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`The generator thread exited with code ${code}`));
    });
    this.post({ type: 'init', init });
  }

  private post(request: GeneratorRequest): void {
    this.worker.postMessage(request);
  }

  private ask(request: GeneratorRequest): Promise<GeneratorReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.post(request);
    });
  }

  async generate(first: number, count: number): Promise<GeneratedBuffers> {
    const reply = await this.ask({ type: 'generate', first, count });
    if (reply.type !== 'batch') throw new Error(`Unexpected generator reply ${reply.type}`);
    return { first: reply.first, count: reply.count, tables: reply.tables, rows: reply.rows };
  }

  /** Changes the audit level for batches asked for from now on. */
  setAudit(audit: AuditLevel): void {
    this.post({ type: 'audit', audit });
  }

  async counters(): Promise<ReferenceCounter[]> {
    const reply = await this.ask({ type: 'counters' });
    if (reply.type !== 'counters') throw new Error(`Unexpected generator reply ${reply.type}`);
    return reply.counters;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
