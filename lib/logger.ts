import pino from 'pino';

/** Structured server logs; never log case content or personal data, only ids and error details. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info') });
