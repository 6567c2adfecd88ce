import { SaxesParser } from 'saxes';

export type WordRun = { text: string; bold: boolean; italics: boolean; size: string | null; rtl: boolean; footnoteReference: string | null };
export type WordParagraph = { text: string; jc: string | null; style: string | null; numbered: boolean; runs: WordRun[] };

/**
 * The paragraphs and runs of a WordprocessingML part, read with a strict XML parser: a part
 * that is not well-formed XML throws, as Word would refuse to open it.
 */
export function wordParagraphs(xml: string): WordParagraph[] {
  const parser = new SaxesParser();
  const paragraphs: WordParagraph[] = [];
  let paragraph: WordParagraph | null = null;
  let run: WordRun | null = null;
  let inText = false;
  let inRunProperties = false;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const value = tag.attributes['w:val'] as string | undefined;
    switch (tag.name) {
      case 'w:p':
        paragraph = { text: '', jc: null, style: null, numbered: false, runs: [] };
        break;
      case 'w:jc':
        if (paragraph && !run) paragraph.jc = value ?? null;
        break;
      case 'w:pStyle':
        if (paragraph) paragraph.style = value ?? null;
        break;
      case 'w:numPr':
        if (paragraph) paragraph.numbered = true;
        break;
      case 'w:r':
        run = { text: '', bold: false, italics: false, size: null, rtl: false, footnoteReference: null };
        break;
      case 'w:rPr':
        inRunProperties = true;
        break;
      case 'w:b':
        if (run && inRunProperties) run.bold = value !== 'false' && value !== '0';
        break;
      case 'w:i':
        if (run && inRunProperties) run.italics = value !== 'false' && value !== '0';
        break;
      case 'w:sz':
        if (run && inRunProperties) run.size = value ?? null;
        break;
      case 'w:rtl':
        if (run && inRunProperties) run.rtl = value !== 'false' && value !== '0';
        break;
      case 'w:footnoteReference':
        if (run) run.footnoteReference = (tag.attributes['w:id'] as string) ?? null;
        break;
      case 'w:t':
        inText = true;
        break;
    }
  });
  parser.on('text', (text) => {
    if (inText && run) run.text += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText = false;
    if (tag.name === 'w:rPr') inRunProperties = false;
    if (tag.name === 'w:r' && run && paragraph) {
      paragraph.runs.push(run);
      paragraph.text += run.text;
      run = null;
    }
    if (tag.name === 'w:p' && paragraph) {
      paragraphs.push(paragraph);
      paragraph = null;
    }
  });
  parser.write(xml).close();
  return paragraphs;
}

/** The footnotes of word/footnotes.xml by id, leaving out the separators Word needs. */
export function wordFootnotes(xml: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const match of xml.matchAll(/<w:footnote\b([^>]*)>([\s\S]*?)<\/w:footnote>/g)) {
    if (/w:type="/.test(match[1])) continue;
    const id = /w:id="(-?\d+)"/.exec(match[1])?.[1];
    if (id) notes.set(id, wordParagraphs(`<root xmlns:w="w">${match[2]}</root>`).map((p) => p.text).join('\n'));
  }
  return notes;
}
