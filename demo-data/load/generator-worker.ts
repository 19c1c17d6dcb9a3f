// Runs in a worker thread (see generator-thread.ts): generates batches while the main thread writes earlier ones.
import { parentPort } from 'node:worker_threads';
import { SeededRandom } from '@/demo-data/shared/prng';
import { generateBatch, loadTableNames, type AuditLevel, type LoadEmbassy, type LoadProvince, type LoadTable } from './generate';
import { TimeOrderedIds } from './ids';
import { placesByProvince } from './places';
import { ReferenceNumberAllocator, type ReferenceCounter } from './reference-numbers';
import { tenYearsUntil } from './report-times';
import { provinceTable } from './weights';

export interface GeneratorInit {
  seed: number;
  nowMs: number;
  totalCases: number;
  audit: AuditLevel;
  provinces: { code: string; population: number }[];
  police: LoadProvince[];
  embassies: LoadEmbassy[];
  counters: ReferenceCounter[];
}

export type GeneratorRequest = { type: 'init'; init: GeneratorInit } | { type: 'generate'; first: number; count: number } | { type: 'audit'; audit: AuditLevel } | { type: 'counters' };

export type GeneratorReply =
  | { type: 'batch'; first: number; count: number; tables: Record<LoadTable, Uint8Array>; rows: Record<LoadTable, number> }
  | { type: 'counters'; counters: ReferenceCounter[] }
  | { type: 'error'; message: string };

if (!parentPort) throw new Error('generator-worker.ts runs in a worker thread');
const port = parentPort;
let context: Parameters<typeof generateBatch>[0] | undefined;

port.on('message', (request: GeneratorRequest) => {
  try {
    if (request.type === 'init') {
      const { init } = request;
      const now = new Date(init.nowMs);
      context = {
        rng: new SeededRandom(init.seed),
        ids: new TimeOrderedIds(),
        now,
        window: tenYearsUntil(now),
        totalCases: init.totalCases,
        provinceTable: provinceTable(init.provinces),
        provinces: new Map(init.police.map((province) => [province.code, province])),
        embassies: init.embassies,
        places: placesByProvince(init.provinces.map((province) => province.code)),
        references: new ReferenceNumberAllocator(init.counters),
        audit: init.audit,
      };
      return;
    }
    if (!context) throw new Error('The generator worker was not initialised');
    if (request.type === 'audit') {
      context.audit = request.audit;
      return;
    }
    if (request.type === 'counters') {
      port.postMessage({ type: 'counters', counters: context.references.counters() } satisfies GeneratorReply);
      return;
    }
    const batch = generateBatch(context, request.first, request.count);
    // TextEncoder gives every table its own ArrayBuffer (Buffer.from may hand out a slice of a shared pool,
    // which must not be transferred).
    const encoder = new TextEncoder();
    const tables = {} as Record<LoadTable, Uint8Array>;
    const rows = {} as Record<LoadTable, number>;
    for (const table of loadTableNames) {
      tables[table] = encoder.encode(batch[table].join(''));
      rows[table] = batch[table].length;
    }
    port.postMessage(
      { type: 'batch', first: request.first, count: request.count, tables, rows } satisfies GeneratorReply,
      loadTableNames.map((table) => tables[table].buffer as ArrayBuffer),
    );
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies GeneratorReply);
  }
});
