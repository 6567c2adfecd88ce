import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { baseDirectionOf, cleanText, drawable, isolate, levelsOf, reorderLine, visualString, type Direction } from '@/lib/documents/pdf/bidi';
import { prepareDocument, Typesetter, type Block } from '@/lib/documents/pdf/layout';

const reversed = (text: string) => Array.from(text).reverse().join('');

function newDoc(): PDFKit.PDFDocument {
  const doc = new PDFDocument({ autoFirstPage: false, font: '' });
  prepareDocument(doc);
  return doc;
}

type Run = { glyphs: { id: number; codePoints: number[] }[]; positions: { xAdvance: number }[] };
const fontOf = (doc: PDFKit.PDFDocument) => (doc as unknown as { _font: { layout: (t: string, f?: []) => Run } })._font;

/** The characters behind the glyphs pdfkit will draw for a line, left to right: what a reader sees. */
function drawnOrder(doc: PDFKit.PDFDocument, text: string, base: Direction): string {
  const font = fontOf(doc);
  return reorderLine(text, levelsOf(text, base), base, 0, text.length)
    .map((run) => {
      const piece = drawable(run);
      return font
        .layout(piece.text, piece.features)
        .glyphs.map((glyph) => String.fromCodePoint(...glyph.codePoints))
        .join('');
    })
    .join('');
}

describe('visual order of mixed Latin, Persian and Arabic', () => {
  it('reverses a Persian name and keeps its zero-width non-joiner in place', () => {
    const name = 'محمدرضا حسینی‌نژاد';
    const visual = visualString(name, 'rtl');
    expect(visual).toBe(reversed(name));
    expect(visual).toContain('\u200c');
    expect(visual.indexOf('\u200c')).toBe(reversed(name).indexOf('\u200c'));
  });

  it('does not reverse Persian digits inside right-to-left text', () => {
    expect(visualString('سال ۱۴۰۲', 'rtl')).toBe('۱۴۰۲ لاس');
    expect(visualString('Founded in ۱۴۰۲ by us', 'ltr')).toBe('Founded in ۱۴۰۲ by us');
  });

  it('mirrors brackets in right-to-left runs', () => {
    expect(visualString('(سلام)', 'rtl')).toBe('(مالس)');
    expect(visualString('Ali (علی)', 'ltr')).toBe('Ali (یلع)');
  });

  it('keeps a Latin name first and its Arabic title in right-to-left order', () => {
    const line = `John Smith, ${isolate('أستاذ القانون الدولي')}, ${isolate('Egypt')}`;
    expect(visualString(line, 'ltr')).toBe(`John Smith, ${reversed('أستاذ القانون الدولي')}, Egypt`);
  });

  it('isolates each field so a Persian field cannot pull the comma and the next field into it', () => {
    const line = `${isolate('فریده محمدی')}, ${isolate('وکیل')}, Iran`;
    expect(visualString(line, 'ltr')).toBe(`${reversed('فریده محمدی')}, ${reversed('وکیل')}, Iran`);
  });

  it('takes the base direction from the first strong character, skipping isolated text', () => {
    expect(baseDirectionOf('۱۴۰۲ سال', 'ltr')).toBe('rtl');
    expect(baseDirectionOf('2026: Geneva', 'rtl')).toBe('ltr');
    expect(baseDirectionOf(`${isolate('محمد')} wrote`, 'rtl')).toBe('ltr');
    expect(baseDirectionOf('2026', 'rtl')).toBe('rtl');
  });

  it('strips hostile overrides and isolates from input, so a name cannot reverse the rest of its line', () => {
    const hostile = cleanText('Eve\u202e gnirts desrever\u2069\u202c');
    expect(hostile).toBe('Eve gnirts desrever');
    expect(visualString(`${isolate(hostile)}, France`, 'ltr')).toBe('Eve gnirts desrever, France');
  });
});

describe('what pdfkit is given draws glyphs in visual order', () => {
  const doc = newDoc();

  it('hands a right-to-left run to fontkit whole and in logical order, and shapes it', () => {
    const piece = drawable({ text: 'محمدرضا حسینی‌نژاد', level: 1 });
    expect(piece).toEqual({ text: 'محمدرضا حسینی‌نژاد', features: [] });
    // fontkit draws a zero-width non-joiner as an empty space glyph with no advance.
    expect(drawnOrder(doc, 'محمدرضا حسینی‌نژاد', 'rtl')).toBe(reversed('محمدرضا حسینی نژاد'));
  });

  it('keeps the non-joiner working: the letter before it takes its unjoined form, with no gap', () => {
    const font = fontOf(doc);
    const withZwnj = font.layout('حسینی‌نژاد', []);
    const joined = font.layout('حسینینژاد', []);
    const yeh = (run: Run) => run.glyphs.filter((g) => g.codePoints[0] === 0x6cc).map((g) => g.id);
    expect(yeh(withZwnj)).not.toEqual(yeh(joined));
    const nonJoiner = withZwnj.glyphs.findIndex((g) => g.codePoints[0] === 0x20);
    expect(withZwnj.positions[nonJoiner].xAdvance).toBe(0);
  });

  it('pre-reverses Persian digits, which fontkit would otherwise reverse', () => {
    expect(drawnOrder(doc, 'سال ۱۴۰۲', 'rtl')).toBe('۱۴۰۲ لاس');
    expect(drawnOrder(doc, 'Year ۱۴۰۲', 'ltr')).toBe('Year ۱۴۰۲');
  });

  it('draws mirrored brackets around a right-to-left word', () => {
    expect(drawnOrder(doc, '(درود)', 'rtl')).toBe('(دورد)');
    expect(drawnOrder(doc, 'Ali (علی)', 'ltr')).toBe('Ali (یلع)');
  });

  it('draws a Latin name with an Arabic title in reading order', () => {
    const line = `Dr Karim Haddad, ${isolate('أستاذ القانون الدولي (١٩٩٨–٢٠٢٠)')}, Egypt`;
    expect(drawnOrder(doc, line, 'ltr')).toBe(`Dr Karim Haddad, (٢٠٢٠–١٩٩٨) ${reversed('أستاذ القانون الدولي')}, Egypt`);
  });
});

describe('wrapping comes before reordering', () => {
  const doc = newDoc();
  const ts = new Typesetter(doc, false);
  const style = { font: 'regular' as const, size: 10, color: '#000' };

  it('keeps the logically first words of a right-to-left paragraph on its first line', () => {
    const text = 'یک دو سه چهار پنج شش';
    const block: Block = { spans: [{ text, style }], base: 'rtl', lineHeight: 12 };
    const width = ts.measure('یک دو سه ', style) + 1;
    const lines = ts.wrap(block, width).map(([start, end]) => text.slice(start, end));
    expect(lines).toEqual(['یک دو سه', 'چهار پنج', 'شش']);
    const visual = ts.wrap(block, width).map(([start, end]) => visualString(text.slice(start, end), 'rtl'));
    expect(visual[0]).toBe(reversed('یک دو سه'));
  });

  it('wraps a mixed line at word boundaries and reorders each line on its own', () => {
    const text = `Dr Karim Haddad, ${isolate('أستاذ القانون الدولي في جامعة القاهرة')}`;
    const block: Block = { spans: [{ text, style }], base: 'ltr', lineHeight: 12 };
    const width = ts.measure('Dr Karim Haddad, أستاذ القانون ', style) + 1;
    const lines = ts.wrap(block, width).map(([start, end]) => text.slice(start, end));
    expect(lines.map((line) => line.replace(/[\u2068\u2069]/g, ''))).toEqual(['Dr Karim Haddad, أستاذ القانون', 'الدولي في جامعة القاهرة']);
    const levels = levelsOf(text, 'ltr');
    const [first] = ts.wrap(block, width);
    const firstLine = reorderLine(text, levels, 'ltr', first[0], first[1])
      .map((run) => (run.level % 2 ? reversed(run.text) : run.text))
      .join('')
      .replace(/[\u2068\u2069]/g, '');
    expect(firstLine).toBe(`Dr Karim Haddad, ${reversed('أستاذ القانون')}`);
  });

  it('cuts a word wider than the line instead of overflowing', () => {
    const text = 'x'.repeat(400);
    const block: Block = { spans: [{ text, style }], base: 'ltr', lineHeight: 12 };
    const lines = ts.wrap(block, 200);
    expect(lines.length).toBeGreaterThan(1);
    for (const [start, end] of lines) expect(ts.measure(text.slice(start, end), style)).toBeLessThanOrEqual(200);
    expect(lines.map(([start, end]) => text.slice(start, end)).join('')).toBe(text);
  });
});
