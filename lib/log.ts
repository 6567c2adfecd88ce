import { getEnv } from './env';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Structured one-line logs. Callers pass ids and counts, never names or addresses:
 * a signer's identity must not end up in a log file.
 */
export function log(level: Level, message: string, fields: Record<string, string | number | boolean | null | undefined> = {}) {
  let threshold: Level = 'info';
  try {
    threshold = getEnv().logLevel;
  } catch {
    // Configuration problems are reported elsewhere; logging must still work.
  }
  if (order[level] < order[threshold]) return;
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  const line = `[undersigned] ${level} ${message}${parts.length ? ` ${parts.join(' ')}` : ''}`;
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

/** An error as a log field: its name and code only, since messages can quote input. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const { name, code } = error as { name?: string; code?: string };
    return [name ?? 'Error', code].filter(Boolean).join(':');
  }
  return typeof error;
}
