import { drawable, hasRtl, levelsOf, reorderLine, visibleText, type Direction, type VisualRun } from './bidi';
import { loadFonts, type FontName } from './fonts';

export type Style = { font: FontName; size: number; color: string; oblique?: boolean };
export type Span = { text: string; style: Style };

/** A paragraph to lay out: spans in logical order, wrapped to the area, in one base direction. */
export type Block = {
  spans: Span[];
  base: Direction;
  lineHeight: number;
  /** `start` follows the base direction: left for left-to-right, right for right-to-left. */
  align?: 'start' | 'center' | 'end';
  /** Distance from the start edge; a marker sits in it. */
  indent?: number;
  /** A list marker or row number, drawn before the first line. */
  marker?: Span;
  /** A block quote's bar at the start edge. */
  bar?: boolean;
  spaceBefore?: number;
  spaceAfter?: number;
  /** Lines the block keeps together on one page (Infinity: all). */
  keepLines?: number;
  /** Height that must fit on the same page after the block (a heading's first row). */
  keepWithNext?: number;
  /** Never wrapped: cut with an ellipsis if too wide. */
  singleLine?: boolean;
};

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 56, bottom: 72, left: 62, right: 62 };

/** What a layout pass reports of each line it places: its page and its text in logical order. */
export type PlacedLine = { page: number; text: string; drawn: boolean };

type Area = { left: number; right: number };
type FontkitGlyph = { id: number; advanceWidth: number; codePoints: number[] };
type FontkitFont = { unitsPerEm: number; glyphForCodePoint: (code: number) => FontkitGlyph; glyphsForString: (text: string) => FontkitGlyph[] };
type GlyphRun = { glyphs: FontkitGlyph[]; positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[]; advanceWidth: number };
type EmbeddedFont = { font: FontkitFont; scale: number; layoutCache?: Record<string, GlyphRun>; layoutRun: (text: string, features?: string[]) => GlyphRun };

/** Measurements shared by both passes of one document. */
type Measures = { advances: Map<FontName, Map<number, number>>; shaped: Map<string, number>; substitutes: Map<number, string> };
const measuresOf = new WeakMap<PDFKit.PDFDocument, Measures>();

function measuresFor(doc: PDFKit.PDFDocument): Measures {
  let measures = measuresOf.get(doc);
  if (!measures) measuresOf.set(doc, (measures = { advances: new Map(), shaped: new Map(), substitutes: new Map() }));
  return measures;
}
const CACHE_LIMIT = 8_000;

/**
 * A document with the embedded fonts registered. Row numbers are unique words, each of which
 * pdfkit would shape through fontkit (about 60 µs each); digits need no shaping, so they get
 * their plain glyphs.
 */
export function prepareDocument(doc: PDFKit.PDFDocument): void {
  const fonts = loadFonts();
  for (const name of ['bold', 'regular'] as const) {
    doc.registerFont(name, fonts[name]);
    doc.font(name);
    const font = (doc as unknown as { _font: EmbeddedFont })._font;
    const shape = font.layoutRun.bind(font);
    font.layoutRun = (text, features) => (!features && /^[0-9.]+$/.test(text) ? plainRun(font, text) : shape(text, features));
  }
}

function plainRun(font: EmbeddedFont, text: string): GlyphRun {
  const glyphs = font.font.glyphsForString(text);
  const positions = glyphs.map((glyph) => {
    const advance = glyph.advanceWidth * font.scale;
    return { xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance };
  });
  return { glyphs, positions, advanceWidth: positions.reduce((sum, p) => sum + p.xAdvance, 0) };
}

/**
 * Lays blocks out on A4 pages. The same code runs twice: a layout-only pass (draw: false)
 * that counts pages, then the drawing pass, so "Page X of Y" needs no page held in memory.
 * Both passes measure with the same fonts, so they break lines and pages identically.
 */
export class Typesetter {
  page = 0;
  y = MARGIN.top;
  readonly bottom = A4.height - MARGIN.bottom;
  readonly area: Area = { left: MARGIN.left, right: A4.width - MARGIN.right };
  onPageStart?: (page: number) => void;
  onPageEnd?: (page: number) => void;
  private color = '';
  private readonly measures: Measures;
  private lastFont?: FontName;
  private lastSize = 0;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    readonly draw: boolean,
    private readonly record?: (line: PlacedLine) => void,
  ) {
    this.measures = measuresFor(doc);
  }

  get atTop(): boolean {
    return this.y <= MARGIN.top;
  }

  newPage(): void {
    if (this.page > 0) this.onPageEnd?.(this.page);
    this.page++;
    this.y = MARGIN.top;
    if (this.draw) {
      this.doc.addPage({ size: 'A4', margin: 0 });
      this.color = '';
      this.lastFont = undefined;
      this.lastSize = 0;
    }
    this.onPageStart?.(this.page);
  }

  finish(): void {
    if (this.page > 0) this.onPageEnd?.(this.page);
  }

  space(height: number): void {
    if (!this.atTop) this.y += height;
  }

  /** Flows a block onto the pages, starting a page when it does not fit. */
  place(block: Block): void {
    if (this.page === 0) this.newPage();
    block = this.covered(block);
    this.space(block.spaceBefore ?? 0);
    const area = this.blockArea(block, this.area);
    const text = block.spans.map((s) => s.text).join('');
    const lines = block.singleLine ? [[0, text.length] as [number, number]] : this.wrap(block, (area.right - area.left) * 0.99, text);
    const keep = Math.min(lines.length, block.keepLines ?? 1);
    if (this.y + keep * block.lineHeight + (block.keepWithNext ?? 0) > this.bottom && !this.atTop) this.newPage();
    lines.forEach(([start, end], index) => {
      if (this.y + block.lineHeight > this.bottom && !this.atTop) this.newPage();
      this.line(block, text, start, end, this.y, index === 0, area);
      this.y += block.lineHeight;
    });
    this.y += block.spaceAfter ?? 0;
  }

  /** Draws one block as a single line at a fixed position, outside the flow (footers, running heads). */
  placeAt(block: Block, y: number, area: Area = this.area): void {
    block = this.covered(block);
    const text = block.spans.map((s) => s.text).join('');
    this.line(block, text, 0, text.length, y, true, this.blockArea(block, area));
  }

  /** A thin horizontal rule in the flow (Markdown's thematic break). */
  placeRule(): void {
    if (this.page === 0) this.newPage();
    this.space(6);
    if (this.y + 12 > this.bottom) this.newPage();
    this.rule(this.y + 4);
    this.y += 12;
  }

  rule(y: number, area: Area = this.area, color = '#999999'): void {
    if (!this.draw) return;
    this.doc.save().lineWidth(0.5).strokeColor(color).moveTo(area.left, y).lineTo(area.right, y).stroke().restore();
  }

  /** Bounds pdfkit's per-word layouts, and ours: kept for the whole document they grow with every distinct name. */
  relieve(): void {
    const families = (this.doc as unknown as { _fontFamilies: Record<string, EmbeddedFont> })._fontFamilies;
    for (const font of Object.values(families)) {
      if (!font.layoutCache) continue;
      let size = 0;
      for (const _word in font.layoutCache) if (++size > CACHE_LIMIT) break;
      if (size > CACHE_LIMIT) font.layoutCache = Object.create(null);
    }
    if (this.measures.shaped.size > CACHE_LIMIT) this.measures.shaped.clear();
  }

  /**
   * Width for line breaking. Left-to-right text sums glyph advances without shaping: shaping
   * every distinct name twice (both passes) was most of the time, and kerning moves a line by
   * well under the 1% slack `place` leaves. Arabic script is shaped, since its forms change widths.
   */
  measure(text: string, style: Style): number {
    const visible = visibleText(text);
    if (visible === '') return 0;
    this.useFont(style);
    if (hasRtl(visible)) return this.shapedWidth(visible, style, true);
    let table = this.measures.advances.get(style.font);
    if (!table) this.measures.advances.set(style.font, (table = new Map()));
    // pdfkit's embedded font wraps a fontkit font; its cmap gives each character's advance.
    const font = (this.doc as unknown as { _font: { font: FontkitFont } })._font.font;
    let units = 0;
    for (const char of visible) {
      const code = char.codePointAt(0)!;
      let advance = table.get(code);
      if (advance === undefined) table.set(code, (advance = font.glyphForCodePoint(code).advanceWidth / font.unitsPerEm));
      units += advance;
    }
    return units * style.size;
  }

  /** A string cut to fit `width` in `style`, with an ellipsis when it was cut. */
  fit(text: string, style: Style, width: number): string {
    if (this.measure(text, style) <= width) return text;
    const points = Array.from(text);
    let low = 0;
    let high = points.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.measure(points.slice(0, mid).join('') + '…', style) <= width) low = mid;
      else high = mid - 1;
    }
    return points.slice(0, low).join('').trimEnd() + '…';
  }

  /**
   * Vazirmatn lacks some Latin letters (Vietnamese, parts of Latin Extended-B): such a letter is
   * printed without its accents rather than as an empty box. Scripts it lacks altogether
   * (Cyrillic, Greek, CJK) would need a second font; pdfkit has no fallback.
   */
  private covered(block: Block): Block {
    if (!block.spans.some((span) => /[^\u0000-\u017f\u0600-\u06ff\u2000-\u206f]/.test(span.text))) return block;
    const font = (this.doc as unknown as { _fontFamilies: Record<string, EmbeddedFont & { font: { hasGlyphForCodePoint: (code: number) => boolean } }> })._fontFamilies.regular.font;
    const substitutes = this.measures.substitutes;
    const cover = (text: string) =>
      text.replace(/[^\u0000-\u017f\u0600-\u06ff\u2000-\u206f]/gu, (char) => {
        const code = char.codePointAt(0)!;
        let substitute = substitutes.get(code);
        if (substitute === undefined) {
          const base = char.normalize('NFD').replace(/\p{M}+/gu, '');
          substitute = font.hasGlyphForCodePoint(code) || base === '' || !font.hasGlyphForCodePoint(base.codePointAt(0)!) ? char : base;
          substitutes.set(code, substitute);
        }
        return substitute;
      });
    return { ...block, spans: block.spans.map((span) => ({ ...span, text: cover(span.text) })), marker: block.marker && { ...block.marker, text: cover(block.marker.text) } };
  }

  private blockArea(block: Block, area: Area): Area {
    const indent = block.indent ?? 0;
    return block.base === 'rtl' ? { left: area.left, right: area.right - indent } : { left: area.left + indent, right: area.right };
  }

  private useFont(style: Style): void {
    if (style.font !== this.lastFont || style.size !== this.lastSize) {
      this.doc.font(style.font).fontSize(style.size);
      this.lastFont = style.font;
      this.lastSize = style.size;
    }
  }

  private measureRange(block: Block, start: number, end: number): number {
    let width = 0;
    let offset = 0;
    for (const span of block.spans) {
      const spanEnd = offset + span.text.length;
      if (spanEnd > start && offset < end) width += this.measure(span.text.slice(Math.max(start, offset) - offset, Math.min(end, spanEnd) - offset), span.style);
      offset = spanEnd;
      if (offset >= end) break;
    }
    return width;
  }

  /** Line breaks in logical order, before any reordering (wrap first, then reorder each line). */
  wrap(block: Block, width: number, text = block.spans.map((s) => s.text).join('')): [number, number][] {
    const lines: [number, number][] = [];
    let segmentStart = 0;
    for (const hard of text.split('\n')) {
      const start = segmentStart;
      const end = start + hard.length;
      segmentStart = end + 1;
      if (this.measureRange(block, start, end) <= width) {
        lines.push([start, trimEnd(text, start, end)]);
        continue;
      }
      let lineStart = start;
      let used = 0;
      const words = /[^ ]+ */g;
      words.lastIndex = 0;
      for (let match = words.exec(hard); match; match = words.exec(hard)) {
        const wordStart = start + match.index;
        const wordEnd = trimEnd(text, wordStart, wordStart + match[0].length);
        const spaceEnd = wordStart + match[0].length;
        let wordWidth = this.measureRange(block, wordStart, wordEnd);
        if (wordStart > lineStart && used + wordWidth > width) {
          lines.push([lineStart, trimEnd(text, lineStart, wordStart)]);
          lineStart = wordStart;
          used = 0;
        }
        if (wordWidth > width) {
          // A word wider than the line (a long address, hostile input): cut it where it overflows.
          let pieceStart = wordStart;
          while (this.measureRange(block, pieceStart, wordEnd) > width) {
            const cut = this.longestFit(block, pieceStart, wordEnd, width);
            lines.push([pieceStart, cut]);
            pieceStart = cut;
          }
          lineStart = pieceStart;
          wordWidth = this.measureRange(block, pieceStart, wordEnd);
        }
        used += wordWidth + this.measureRange(block, wordEnd, spaceEnd);
      }
      lines.push([lineStart, trimEnd(text, lineStart, end)]);
    }
    return lines;
  }

  private longestFit(block: Block, start: number, end: number, width: number): number {
    const text = block.spans.map((s) => s.text).join('');
    let low = start + 1;
    let high = end;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.measureRange(block, start, mid) <= width) low = mid;
      else high = mid - 1;
    }
    // Never split a surrogate pair.
    if (low < end && /[\udc00-\udfff]/.test(text[low]) && low - 1 > start) low--;
    return low;
  }

  private line(block: Block, text: string, start: number, end: number, top: number, first: boolean, area: Area): void {
    let lineText = text.slice(start, end);
    let spans = block.spans;
    if (block.singleLine) {
      // Only the last span may be cut; the rest (labels) is kept whole.
      const head = block.spans.slice(0, -1);
      const last = block.spans[block.spans.length - 1];
      const headWidth = head.reduce((w, s) => w + this.measure(s.text, s.style), 0);
      spans = [...head, { text: this.fit(last.text, last.style, area.right - area.left - headWidth), style: last.style }];
      lineText = spans.map((s) => s.text).join('');
      start = 0;
      end = lineText.length;
    }
    this.record?.({ page: this.page, text: visibleText(lineText), drawn: this.draw });
    if (first && block.marker) this.record?.({ page: this.page, text: visibleText(block.marker.text), drawn: this.draw });
    if (!this.draw) return;
    const full = spans.map((s) => s.text).join('');
    const breaks: number[] = [];
    const styles: Style[] = [];
    let offset = 0;
    for (const span of spans) {
      breaks.push(offset);
      styles.push(span.style);
      offset += span.text.length;
    }
    const styleAt = (index: number) => {
      let i = breaks.length - 1;
      while (i > 0 && breaks[i] > index) i--;
      return styles[i];
    };
    const runs = reorderLine(full, levelsOf(full, block.base), block.base, start, end, breaks);
    const baseline = top + block.lineHeight * 0.74;
    const widths = runs.map((run) => this.runWidth(run, styleAt(run.start)));
    const total = widths.reduce((a, b) => a + b, 0);
    const align = block.align ?? 'start';
    const toRight = (align === 'start' && block.base === 'rtl') || (align === 'end' && block.base === 'ltr');
    let x = align === 'center' ? (area.left + area.right - total) / 2 : toRight ? area.right - total : area.left;
    runs.forEach((run, i) => {
      this.drawRun(run, styleAt(run.start), x, baseline, widths[i]);
      x += widths[i];
    });
    if (first && block.marker) {
      const marker = block.marker;
      const runs = reorderLine(marker.text, levelsOf(marker.text, block.base), block.base, 0, marker.text.length);
      const markerWidths = runs.map((run) => this.runWidth(run, marker.style));
      const markerTotal = markerWidths.reduce((a, b) => a + b, 0);
      let mx = block.base === 'rtl' ? area.right + 4 : area.left - 4 - markerTotal;
      runs.forEach((run, i) => {
        this.drawRun(run, marker.style, mx, baseline, markerWidths[i]);
        mx += markerWidths[i];
      });
    }
    if (block.bar) {
      const barX = block.base === 'rtl' ? area.right + 8 : area.left - 8;
      this.doc.save().lineWidth(1.5).strokeColor('#bbbbbb').moveTo(barX, top + 1).lineTo(barX, top + block.lineHeight + 1).stroke().restore();
    }
  }

  private runWidth(run: VisualRun, style: Style): number {
    const piece = drawable(run);
    if (piece.text === '') return 0;
    this.useFont(style);
    return this.shapedWidth(piece.text, style, piece.features !== undefined);
  }

  /** Shaped width, remembered for shaped runs: pdfkit caches only word-by-word layouts. */
  private shapedWidth(text: string, style: Style, whole: boolean): number {
    if (!whole) return this.doc.widthOfString(text);
    const key = `${style.font}|${style.size}|${text}`;
    let width = this.measures.shaped.get(key);
    if (width === undefined) this.measures.shaped.set(key, (width = this.doc.widthOfString(text, { features: [] })));
    return width;
  }

  private drawRun(run: VisualRun, style: Style, x: number, baseline: number, width: number): void {
    const piece = drawable(run);
    if (piece.text === '' || piece.text.trim() === '') return;
    this.useFont(style);
    if (style.color !== this.color) {
      this.doc.fillColor(style.color);
      this.color = style.color;
    }
    this.doc.text(piece.text, x, baseline, {
      lineBreak: false,
      baseline: 'alphabetic',
      features: piece.features,
      oblique: style.oblique ? 12 : undefined,
      textWidth: width,
    } as PDFKit.Mixins.TextOptions);
  }
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\n')) end--;
  return end;
}
