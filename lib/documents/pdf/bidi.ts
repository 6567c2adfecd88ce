import bidiFactory from 'bidi-js';

export type Direction = 'ltr' | 'rtl';

const bidi = bidiFactory();

/** Right-to-left letters, and the marks that can make any text right-to-left. */
const RTL_TRIGGER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
/** Explicit embeddings, overrides and isolates: stripped from every input, since we add our own isolates. */
const EXPLICIT_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
/** Zero-width directional marks and our isolates: the font has no glyph for some, so they are never drawn. */
const INVISIBLE_CONTROLS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;
const FSI = '\u2068';
const PDI = '\u2069';

// fontkit picks a run's direction from its first character of a specific script and, for these
// scripts, reverses the glyphs it shaped: see fontkit's Script.direction.
const FONTKIT_RTL_SCRIPT =
  /\p{Script=Arabic}|\p{Script=Hebrew}|\p{Script=Syriac}|\p{Script=Thaana}|\p{Script=Nko}|\p{Script=Samaritan}|\p{Script=Mandaic}/u;
const SPECIFIC_SCRIPT = /[^\p{Script=Common}\p{Script=Inherited}]/u;

export function hasRtl(text: string): boolean {
  return RTL_TRIGGER.test(text);
}

/** Input from anyone, made safe to lay out: no control characters, no bidi embeddings of its own. */
export function cleanText(text: string, keepLineBreaks = false): string {
  const cleaned = text.replace(EXPLICIT_CONTROLS, '').replace(/\r\n?/g, '\n');
  return keepLineBreaks
    ? cleaned.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\ufffe\uffff]/g, ' ')
    : cleaned.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Wraps a field in a first-strong isolate, like HTML's <bdi>: its direction cannot leak into its neighbours. */
export function isolate(text: string): string {
  return text === '' ? text : FSI + text + PDI;
}

/** The direction of the first strong character outside isolates (UAX #9 P2–P3), or `fallback` when there is none. */
export function baseDirectionOf(text: string, fallback: Direction): Direction {
  let depth = 0;
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === 'LRI' || type === 'RLI' || type === 'FSI') depth++;
    else if (type === 'PDI') depth = Math.max(0, depth - 1);
    else if (depth === 0 && type === 'L') return 'ltr';
    else if (depth === 0 && (type === 'R' || type === 'AL')) return 'rtl';
  }
  return fallback;
}

/** Embedding levels for one paragraph, or null when it is all left-to-right in a left-to-right paragraph. */
export function levelsOf(text: string, base: Direction): Uint8Array | null {
  if (base === 'ltr' && !hasRtl(text)) return null;
  return bidi.getEmbeddingLevels(text, base).levels;
}

export type VisualRun = { start: number; end: number; level: number; text: string };

/**
 * One wrapped line, [start, end) of the paragraph, as runs in left-to-right drawing order
 * (UAX #9 L2), each run cut at `breaks` (style changes) too. A run's text stays in logical
 * order with right-to-left brackets already mirrored (L4); `drawable` decides how fontkit gets it.
 */
export function reorderLine(text: string, levels: Uint8Array | null, base: Direction, start: number, end: number, breaks: number[] = []): VisualRun[] {
  const baseLevel = base === 'rtl' ? 1 : 0;
  const lineLevels = levels ? levels.slice(start, end) : new Uint8Array(end - start).fill(baseLevel);
  // L1: trailing whitespace takes the paragraph level.
  for (let i = end - 1; i >= start && /\s/.test(text[i]); i--) lineLevels[i - start] = baseLevel;
  const mirrored = levels ? bidi.getMirroredCharactersMap(text, levels, start, end - 1) : new Map<number, string>();
  const runs: VisualRun[] = [];
  let runStart = start;
  let b = 0;
  for (let i = start + 1; i <= end; i++) {
    while (b < breaks.length && breaks[b] < i) b++;
    const cut = i === end || lineLevels[i - start] !== lineLevels[runStart - start] || breaks[b] === i;
    if (!cut) continue;
    let runText = '';
    for (let j = runStart; j < i; j++) runText += mirrored.get(j) ?? text[j];
    runs.push({ start: runStart, end: i, level: lineLevels[runStart - start], text: runText });
    runStart = i;
  }
  let highest = 0;
  let lowestOdd = Infinity;
  for (const run of runs) {
    highest = Math.max(highest, run.level);
    if (run.level % 2 === 1) lowestOdd = Math.min(lowestOdd, run.level);
  }
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; i++) {
      if (runs[i].level < level) continue;
      let j = i;
      while (j + 1 < runs.length && runs[j + 1].level >= level) j++;
      if (j > i) runs.splice(i, j - i + 1, ...runs.slice(i, j + 1).reverse());
      i = j;
    }
  }
  return runs;
}

function reverseCodePoints(text: string): string {
  return Array.from(text).reverse().join('');
}

/** What fontkit will do with a string: reverse it when its first specific script is right-to-left. */
function fontkitReverses(text: string): boolean {
  const first = SPECIFIC_SCRIPT.exec(text);
  return first !== null && FONTKIT_RTL_SCRIPT.test(first[0]);
}

export type Drawable = { text: string; features?: [] };

/**
 * A run as pdfkit must be given it so the glyphs land in visual order. fontkit reverses any
 * string whose first script is Arabic, and pdfkit's default layout goes word by word, so a
 * run holding any Arabic-script character is shaped whole (`features: []`): in logical order
 * when it is right-to-left, reversed when it is left-to-right but fontkit would reverse it
 * (Persian digits). A right-to-left run without such characters is reversed here.
 */
export function drawable(run: { text: string; level: number }): Drawable {
  const text = run.text.replace(INVISIBLE_CONTROLS, '');
  const rtl = run.level % 2 === 1;
  if (!FONTKIT_RTL_SCRIPT.test(text)) return rtl ? { text: reverseCodePoints(text) } : { text };
  return fontkitReverses(text) === rtl ? { text, features: [] } : { text: reverseCodePoints(text), features: [] };
}

/** Text without the invisible controls, for measuring and for the test record. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, '');
}

/** A line in visual order as a plain string (right-to-left runs reversed): what a reader sees, for tests. */
export function visualString(text: string, base: Direction = baseDirectionOf(text, 'ltr')): string {
  const levels = levelsOf(text, base);
  return reorderLine(text, levels, base, 0, text.length)
    .map((run) => visibleText(run.level % 2 === 1 ? reverseCodePoints(run.text) : run.text))
    .join('');
}
