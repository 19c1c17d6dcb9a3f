import pino, { type Logger } from 'pino';
import { env } from '@/lib/env';

let instance: Logger | undefined;

/**
 * Structured server logs; never log case content or personal data, only ids and error details. Created on first
 * use, not at import: its level is configuration (LOG_LEVEL), which `next build` never reads.
 */
export const logger: Logger = new Proxy({} as Logger, {
  get(_target, property) {
    instance ??= pino({ level: env().LOG_LEVEL });
    const value: unknown = Reflect.get(instance, property, instance);
    return typeof value === 'function' ? value.bind(instance) : value;
  },
});
