import { AppError } from '@/lib/errors';

// The BOM is kept: the text then encodes back to exactly the bytes received, hence the same SHA-256.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const SAVE_AS = 'In your spreadsheet, save the file as “CSV UTF-8”; nothing was imported.';

/**
 * An uploaded file as text, refusing bytes that are not UTF-8: decoding them leniently would
 * turn them into U+FFFD and import names that nobody wrote. The error names the first bad line.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new AppError('validation', 'The file is not UTF-8', { csv: [`The file is UTF-16 text, not UTF-8. ${SAVE_AS}`] });
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new AppError('validation', 'The file is not UTF-8', {
      csv: [`Line ${firstBadLine(bytes)} of the file has bytes that are not UTF-8 text (perhaps the file is in Windows-1252 or another old encoding). ${SAVE_AS}`],
    });
  }
}

/** A UTF-8 sequence never contains byte 0x0A, so each line can be checked on its own. */
function firstBadLine(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    let stop = bytes.indexOf(0x0a, start);
    if (stop === -1) stop = bytes.length;
    try {
      strictUtf8.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    line++;
    start = stop + 1;
  }
  return line;
}
