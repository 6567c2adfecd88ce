import type { DocumentWriter } from '@/lib/documents/document-source';
import { readAhead } from '@/lib/documents/read-ahead';
import { SIGNATORY_COLUMNS, signatoryCells } from '@/lib/documents/signatory-table';
import { endOut, writeOut } from '@/lib/documents/write-out';
import { csvRow, UTF8_BOM } from './csv-cell';

/**
 * The signatories as CSV (RFC 4180, CRLF, UTF-8 with a byte order mark for Excel), in the
 * order they confirmed; one write per page of signatories, so memory stays flat.
 */
export const writeCsv: DocumentWriter = async (source, out) => {
  try {
    await writeOut(out, UTF8_BOM + csvRow([...SIGNATORY_COLUMNS]));
    for await (const page of readAhead(source.read('date'))) {
      let chunk = '';
      for (const signatory of page) chunk += csvRow(signatoryCells(signatory));
      await writeOut(out, chunk);
    }
    await endOut(out);
  } catch (error) {
    // A truncated document must not pass for a whole one: `out` closes unfinished, so the
    // download fails. Destroyed without the error, which `out` may have no listener for.
    out.destroy();
    throw error;
  }
};
