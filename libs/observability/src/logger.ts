import pino, { Logger as PinoLogger } from 'pino';
import { redactDeep, redactText } from './redaction';

export type Logger = PinoLogger;

/** A pino logger whose every field and message passes through the redaction rules; stdout unless `destination` is given. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      // Runs before pino's serializers: an Error must become a plain object here, or copying it
      // for redaction would leave `{}` (its message and stack are not enumerable).
      log: (object) => redactDeep(withSerializedErrors(object)),
    },
    // `err` is serialized by the formatter above; pino's default serializer would re-type it `Object`.
    serializers: { err: (value: unknown) => value },
    hooks: {
      logMethod(args, method) {
        const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
        return method.apply(this, redacted as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Errors among the log object's values as pino's standard error serializer shows them: type, message, stack, code, cause. */
export function withSerializedErrors(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(object)) {
    if (value instanceof Error) {
      copy ??= { ...object };
      copy[key] = pino.stdSerializers.err(value);
    }
  }
  return copy ?? object;
}
