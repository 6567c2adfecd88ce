import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { DocumentContext, DocumentSource, DocumentWriter } from '@/lib/documents/document-source';
import type { Section } from '@/lib/signatories/signatory';
import { baseDirectionOf, cleanText, isolate } from './bidi';
import { countryNamer, formatDocumentDate, labelsFor, languageDirection, numberFormatter, type Labels } from './labels';
import { A4, MARGIN, prepareDocument, Typesetter, type Block, type PlacedLine, type Span, type Style } from './layout';
import { markdownBlocks } from './markdown';
import { signatoryLine, type LinePart } from './signatory-line';

export type PdfWriterOptions = {
  /** false writes readable content streams (tests). */
  compress?: boolean;
  /** Called with every line laid out, in both passes (tests inspect pages without parsing the PDF). */
  record?: (line: PlacedLine) => void;
  /** Signatories between two yields to the event loop. */
  yieldEvery?: number;
};

const INK = '#111111';
const GREY = '#555555';
const style = {
  body: { font: 'regular', size: 10.5, color: INK },
  small: { font: 'regular', size: 7.5, color: GREY },
  title: { font: 'bold', size: 15, color: INK },
  annexTitle: { font: 'bold', size: 14, color: INK },
  section: { font: 'bold', size: 11.5, color: INK },
  group: { font: 'bold', size: 9.5, color: '#333333' },
  rowName: { font: 'bold', size: 9, color: INK },
  row: { font: 'regular', size: 9, color: '#222222' },
  rowSmall: { font: 'regular', size: 7.5, color: GREY },
  rowMark: { font: 'bold', size: 8.5, color: '#b45309' },
  number: { font: 'regular', size: 8.5, color: GREY },
} satisfies Record<string, Style>;
const BODY_LINE = 15.5;
const ROW_LINE = 12.5;
const ROLE_STYLE: Record<LinePart['role'], Style> = { name: style.rowName, text: style.row, small: style.rowSmall, mark: style.rowMark };

/** What the layout pass learns for the drawing pass: how many pages, and how many rows under each heading. */
type Survey = { pages: number; rows: Map<string, number> };

/**
 * The delivery PDF: the letter (addressees, place and date, title, text, demands, version),
 * then the annex of signatories by section and country, every page footed with
 * "Page X of Y", the title and the letter's address. Streams to `out` in bounded memory.
 */
export function createPdfWriter(options: PdfWriterOptions = {}): DocumentWriter {
  return async (source, out) => {
    const { campaign } = source.context;
    const doc = new PDFDocument({
      autoFirstPage: false,
      compress: options.compress ?? true,
      // No default font: pdfkit's Helvetica would be read from its data folder and never used.
      font: '',
      lang: campaign.language,
      displayTitle: true,
      info: {
        Title: cleanText(campaign.title),
        Author: cleanText(campaign.organisedBy ?? ''),
        Creator: 'Undersigned',
        CreationDate: source.context.generatedAt,
        ModDate: source.context.generatedAt,
      },
    });
    prepareDocument(doc);
    doc.pipe(out);
    try {
      const survey = await compose(source, new Typesetter(doc, false, options.record), null, out, options.yieldEvery ?? 250);
      await compose(source, new Typesetter(doc, true, options.record), survey, out, options.yieldEvery ?? 250);
      doc.end();
      await finished(out);
    } catch (error) {
      doc.unpipe(out);
      out.destroy(error as Error);
      throw error;
    }
  };
}

export const writePdf: DocumentWriter = createPdfWriter();

async function compose(source: DocumentSource, ts: Typesetter, survey: Survey | null, out: Writable, yieldEvery: number): Promise<Survey> {
  const { context } = source;
  const language = context.campaign.language;
  const labels = labelsFor(language);
  const formatNumber = numberFormatter(language);
  const countryName = countryNamer(language);
  const rows = new Map<string, number>();
  if (survey) ts.onPageEnd = (page) => footer(ts, context, labels, formatNumber, page, survey.pages);

  letter(ts, context, labels, formatNumber);

  // The annex.
  ts.onPageStart = undefined;
  ts.newPage();
  ts.place({ spans: [{ text: labels.annex, style: style.annexTitle }], base: 'ltr', lineHeight: 20, spaceAfter: 4, singleLine: true });
  ts.place({ spans: [{ text: countsLine(context, labels, formatNumber), style: style.body }], base: 'ltr', lineHeight: BODY_LINE, spaceAfter: 2 });
  if (context.counts.unreviewed > 0) {
    ts.place({ spans: [{ text: labels.unreviewedNote(formatNumber(context.counts.unreviewed), labels.unreviewed), style: style.body }], base: 'ltr', lineHeight: BODY_LINE });
  }
  ts.space(6);

  const gutter = ts.measure(`${Math.max(context.counts.total, 999)}.`, style.number) + 6;
  let section: Section | null = null;
  let group: string | null = null;
  let runningHead: string | null = null;
  let count = 0;
  ts.onPageStart = () => {
    if (runningHead) ts.place({ spans: [{ text: runningHead, style: style.small }], base: 'ltr', lineHeight: 11, spaceAfter: 4, singleLine: true });
  };
  const counted = (key: string, label: string) => {
    const n = survey?.rows.get(key);
    return n === undefined ? label : `${label} (${formatNumber(n)})`;
  };

  for await (const page of source.read('section')) {
    for (const signatory of page) {
      if (signatory.section !== section) {
        section = signatory.section;
        group = null;
        runningHead = null;
        ts.place({
          spans: [{ text: counted(section, labels.sections[section]), style: style.section }],
          base: 'ltr',
          lineHeight: 17,
          spaceBefore: 12,
          spaceAfter: 2,
          keepWithNext: 16 + 2 * ROW_LINE,
          singleLine: true,
        });
      }
      const groupKey = signatory.named ? (signatory.country ?? '') : '~withheld';
      if (groupKey !== group) {
        group = groupKey;
        const title = signatory.named ? (signatory.country ? countryName(signatory.country) : labels.noCountry) : labels.namesWithheld;
        runningHead = `${labels.sections[section]} (${labels.continued})`;
        ts.place({
          spans: [{ text: counted(`${section}|${groupKey}`, isolate(title)), style: style.group }],
          base: 'ltr',
          lineHeight: 14,
          spaceBefore: 6,
          keepWithNext: 2 * ROW_LINE,
          singleLine: true,
        });
        runningHead = `${labels.sections[section]} · ${isolate(title)} (${labels.continued})`;
      }
      rows.set(section, (rows.get(section) ?? 0) + 1);
      rows.set(`${section}|${groupKey}`, (rows.get(`${section}|${groupKey}`) ?? 0) + 1);
      const parts = signatoryLine(signatory, labels, countryName, formatNumber);
      ts.place({
        spans: parts.map((part) => ({ text: part.text, style: ROLE_STYLE[part.role] })),
        base: 'ltr',
        lineHeight: ROW_LINE,
        indent: gutter,
        marker: { text: `${signatory.number}.`, style: style.number },
        keepLines: Infinity,
      });
      if (++count % yieldEvery === 0) {
        if (count % (yieldEvery * 4) === 0) ts.relieve();
        await breathe(out);
      }
    }
  }
  ts.finish();
  ts.relieve();
  return { pages: ts.page, rows };
}

function letter(ts: Typesetter, context: DocumentContext, labels: Labels, formatNumber: (n: number) => string): void {
  const { campaign } = context;
  const direction = languageDirection(campaign.language);
  const paragraph = (text: string, textStyle: Style, extra: Partial<Block> = {}): Block => ({
    spans: [{ text, style: textStyle }],
    base: baseDirectionOf(text, direction),
    lineHeight: BODY_LINE,
    ...extra,
  });

  for (const addressee of campaign.addressees) {
    const lines = [
      ...(addressee.role ? [cleanText(addressee.role)] : []),
      ...(addressee.postalAddress ?? '').split('\n').map((line) => cleanText(line)).filter(Boolean),
      ...(addressee.email ? [cleanText(addressee.email)] : []),
    ];
    ts.place(paragraph(cleanText(addressee.name), { ...style.body, font: 'bold' }, { lineHeight: 14, keepWithNext: 14 * lines.length }));
    for (const line of lines) ts.place(paragraph(line, style.body, { lineHeight: 14 }));
    ts.space(10);
  }
  if (campaign.addressees.length > 0) ts.space(10);

  const date = formatDocumentDate(context.generatedAt, campaign.language);
  const place = cleanText(campaign.place ?? '');
  const separator = direction === 'rtl' ? '، ' : ', ';
  ts.place({ spans: [{ text: place ? `${isolate(place)}${separator}${date}` : date, style: style.body }], base: direction, align: 'end', lineHeight: BODY_LINE, spaceAfter: 18 });

  const title = cleanText(campaign.title);
  ts.place(paragraph(title, style.title, { lineHeight: 20, spaceAfter: 10, keepWithNext: 2 * BODY_LINE }));

  for (const block of markdownBlocks(campaign.letter)) {
    if (block.kind === 'rule') {
      ts.placeRule();
      continue;
    }
    const spans: Span[] = block.runs.map((run) => ({
      text: cleanText(run.text, true),
      style: { ...style.body, font: run.bold || block.kind === 'heading' ? 'bold' : 'regular', oblique: run.italic || undefined },
    }));
    const text = spans.map((span) => span.text).join('');
    const base = baseDirectionOf(text, direction);
    if (block.kind === 'heading') {
      const size = [14, 12.5, 11.5][block.level - 1] ?? 10.5;
      for (const span of spans) span.style = { ...span.style, size };
      ts.place({ spans, base, lineHeight: size * 1.45, spaceBefore: 10, spaceAfter: 4, keepWithNext: 2 * BODY_LINE });
      continue;
    }
    if (block.quote) for (const span of spans) span.style = { ...span.style, color: '#333333' };
    ts.place({
      spans,
      base,
      lineHeight: BODY_LINE,
      indent: 20 * block.depth + (block.quote ? 16 : 0),
      marker: block.marker ? { text: block.marker, style: style.body } : undefined,
      bar: block.quote,
      spaceAfter: 6,
      keepLines: 2,
    });
  }

  const demands = campaign.demands.map((demand) => cleanText(demand)).filter(Boolean);
  if (demands.length > 0) {
    ts.place(paragraph(labels.demands, { ...style.body, font: 'bold', size: 11.5 }, { lineHeight: 17, spaceBefore: 10, spaceAfter: 2, keepWithNext: 2 * BODY_LINE }));
    demands.forEach((demand, index) => {
      ts.place(paragraph(demand, style.body, { indent: 20, marker: { text: `${index + 1}.`, style: style.body }, spaceAfter: 4, keepLines: 2 }));
    });
  }

  ts.space(14);
  ts.place({ spans: [{ text: labels.version(context.version.number, context.version.sha256), style: style.small }], base: 'ltr', lineHeight: 10 });
  if (context.versions.length > 1) {
    ts.place({ spans: [{ text: labels.versions, style: style.small }], base: 'ltr', lineHeight: 10 });
    for (const version of context.versions) {
      ts.place({ spans: [{ text: labels.versionCount(version.number, version.sha256, formatNumber(version.signatories), version.signatories === 1), style: style.small }], base: 'ltr', lineHeight: 10, indent: 10 });
    }
  }
}

function countsLine(context: DocumentContext, labels: Labels, formatNumber: (n: number) => string): string {
  const { counts } = context;
  let line = labels.total(formatNumber(counts.total), counts.total === 1);
  if (counts.paper > 0) line += ` (${labels.bySource(formatNumber(counts.online), formatNumber(counts.paper))})`;
  if (counts.byKind.group > 0) line += `; ${labels.people(formatNumber(counts.people))}`;
  return `${line}.`;
}

function footer(ts: Typesetter, context: DocumentContext, labels: Labels, formatNumber: (n: number) => string, page: number, pages: number): void {
  const top = A4.height - MARGIN.bottom + 22;
  ts.rule(top - 4);
  const pageLabel = labels.page(formatNumber(page), formatNumber(pages));
  const pageWidth = ts.measure(pageLabel, style.small);
  ts.placeAt({ spans: [{ text: pageLabel, style: style.small }], base: 'ltr', align: 'end', lineHeight: 10, singleLine: true }, top);
  const url = cleanText(context.campaign.url);
  const room = ts.area.right - ts.area.left - pageWidth - 16;
  const address = ts.fit(url, style.small, room * 0.6);
  const title = ts.fit(cleanText(context.campaign.title), style.small, room - ts.measure(` · ${address}`, style.small));
  ts.placeAt({ spans: [{ text: `${isolate(title)} · ${address}`, style: style.small }], base: 'ltr', lineHeight: 10, singleLine: true }, top, {
    left: ts.area.left,
    right: ts.area.left + room,
  });
}

/** Lets `out` take what was written, and the event loop breathe, before laying out more rows. */
async function breathe(out: Writable): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (out.writableNeedDrain) await once(out, 'drain');
}
