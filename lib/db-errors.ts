/** Walks an error and its causes (drizzle wraps driver errors), depth-limited. */
function* causes(error: unknown): Generator<{ code?: string; errno?: string; message?: string }> {
  let current = error as { code?: string; cause?: unknown } | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    yield current;
    current = current.cause as typeof current;
  }
}

/** Postgres unique_violation (23505), as raised by postgres.js and by PGlite, possibly wrapped by drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  for (const cause of causes(error)) if (cause.code === '23505') return true;
  return false;
}

// Network errors, postgres.js's own connection codes, and the SQLSTATEs of a server that is
// shutting down, starting, out of connections, or that cancelled a statement at its timeout.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED',
  '57P01', '57P02', '57P03', '53300', '57014', '08000', '08001', '08003', '08004', '08006',
]);

/** True when the database could not be reached or did not answer in time: a 503, not a 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const cause of causes(error)) {
    if (cause.code && UNAVAILABLE_CODES.has(cause.code)) return true;
    if (cause.errno && UNAVAILABLE_CODES.has(String(cause.errno))) return true;
  }
  return false;
}
