const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Counts the records of an RFC 4180 CSV fed in chunks: a line break inside quotes belongs to its
 * field, and blank lines are no records. Streaming, so a large list is never held as text.
 */
export function csvRecordCounter() {
  let inQuotes = false;
  let recordHasContent = false;
  let records = 0;
  return {
    push(chunk: Uint8Array) {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === QUOTE) {
          // A doubled quote inside a field toggles twice: still inside.
          inQuotes = !inQuotes;
          recordHasContent = true;
        } else if (byte === LF && !inQuotes) {
          if (recordHasContent) records++;
          recordHasContent = false;
        } else if (byte !== CR) {
          recordHasContent = true;
        }
      }
    },
    /** Records seen, the header line included. */
    finish(): number {
      return records + (recordHasContent ? 1 : 0);
    },
  };
}
