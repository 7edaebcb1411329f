import pino, { type Logger } from 'pino';
import type { Config } from '../config/app.config';

export type { Logger };

/** Structured JSON logs on stdout: one line per event, with the request id where there is one. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { service: 'institution-graph' } });
}
