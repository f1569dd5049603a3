import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Options of the one structured JSON logger every process uses. */
export interface LoggerOptions {
  service: string;
  /** trace, debug, info, warn, error or silent; defaults to LOG_LEVEL or info. */
  level?: string;
  /** Where lines go; standard output by default. */
  destination?: NodeJS.WritableStream;
}

/** Keys whose values never reach a log line. */
const REDACTED_PATHS = ['password', '*.password', 'token', '*.token', 'data', '*.data', 'stringData', '*.stringData'];

/** Creates the service's JSON logger: one object per line, with the service name and redaction of secrets. */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return pino(
    {
      level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    },
    options.destination ?? process.stdout,
  );
}
