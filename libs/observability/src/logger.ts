import pino, { Logger as PinoLogger } from 'pino';
import { redactDeep, redactText } from './redaction';

export type Logger = PinoLogger;

/** A pino logger whose every field and message passes through the redaction rules. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      log: (object) => redactDeep(object),
    },
    hooks: {
      logMethod(args, method) {
        const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
        return method.apply(this, redacted as Parameters<typeof method>);
      },
    },
    serializers: {
      err: (error: unknown) => redactDeep(pino.stdSerializers.err(error as Error)),
    },
  });
}
