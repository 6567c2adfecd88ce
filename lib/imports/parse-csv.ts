export type CsvRecord = { line: number; cells: string[] };

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

const LINE_BREAK = /\r\n|\r|\n/g;

const countLineBreaks = (text: string) => text.match(LINE_BREAK)?.length ?? 0;

/**
 * RFC 4180 CSV: comma-separated cells, optionally in double quotes with `""` for a quote inside;
 * records end in CRLF, LF or a lone CR (old spreadsheets). A leading BOM is dropped. Records whose
 * cells are all empty are skipped. `line` is the line of the file where a record starts (1-based),
 * so errors point where a text editor shows them even when a quoted cell spans lines.
 */
export function parseCsv(text: string): CsvParse {
  const end = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const records: CsvRecord[] = [];
  while (i < end) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let value: string;
      if (text[i] === '"') {
        const opened = line;
        value = '';
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) return { ok: false, line: opened, message: 'A quoted cell is never closed: a closing " is missing' };
          value += text.slice(from, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            from = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        line += countLineBreaks(value);
        if (i < end && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          return { ok: false, line, message: 'Text after the closing quote of a cell: put the whole cell in quotes and write a quote inside it as ""' };
        }
      } else {
        let stop = i;
        while (stop < end && text[stop] !== ',' && text[stop] !== '\n' && text[stop] !== '\r') stop++;
        value = text.slice(i, stop);
        if (value.includes('"')) {
          return { ok: false, line, message: 'A quote inside a cell that does not start with one: put the whole cell in quotes and write the quote as ""' };
        }
        i = stop;
      }
      cells.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') {
        i++;
        if (text[i] === '\n') i++;
      } else if (text[i] === '\n') i++;
      line++;
      break;
    }
    if (cells.some((cell) => cell !== '')) records.push({ line: start, cells });
  }
  return { ok: true, records };
}
