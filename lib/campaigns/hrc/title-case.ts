// Articles, coordinating conjunctions and prepositions of up to four letters stay lower-case
// inside an English title (the short-word rule shared by the Chicago and APA styles).
const MINOR_EN = new Set(
  'a an the and but or nor for so yet as at by in of off on per to up via vs from into onto over upon with than'.split(' '),
);

const LETTER = /\p{L}/u;
const LOWER_FIRST = /^([^\p{L}\p{N}]*)(\p{Ll})/u;

/** Words typed in capitals (OHCHR, UN) or with inner capitals (iPhone, McDonald) are the writer's to keep. */
function isDeliberate(word: string): boolean {
  const letters = [...word].filter((c) => LETTER.test(c));
  if (letters.length >= 2 && letters.every((c) => c === c.toUpperCase() && c !== c.toLowerCase())) return true;
  return letters.slice(1).some((c) => c !== c.toLowerCase() && c === c.toUpperCase());
}

const capitalise = (word: string) => word.replace(LOWER_FIRST, (_, lead: string, first: string) => lead + first.toUpperCase());

/** The bare word a minor-word check looks at: no surrounding quotes, brackets or punctuation. */
const bare = (word: string) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();

/**
 * A statement's title in the case the HRC expects: English title case (principal words
 * capitalised, short articles, conjunctions and prepositions lower-case except first, last and
 * after a colon); French and Spanish titles are sentence-style, so only the first word is
 * capitalised and the rest left as typed.
 */
export function titleCase(title: string, language: string): string {
  const parts = title.split(/(\s+)/);
  const wordIndexes = parts.map((part, i) => (part.trim() && LETTER.test(part) ? i : -1)).filter((i) => i >= 0);
  if (wordIndexes.length === 0) return title;
  const first = wordIndexes[0];
  const last = wordIndexes[wordIndexes.length - 1];
  if (language !== 'en') {
    if (!isDeliberate(parts[first])) parts[first] = capitalise(parts[first]);
    return parts.join('');
  }
  let afterColon = false;
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i];
    if (!part.trim()) continue;
    const opensPhrase = i === first || afterColon;
    afterColon = /[:?!]$/.test(part);
    if (!LETTER.test(part)) continue;
    const pieces = part.split('-');
    parts[i] = pieces
      .map((piece, n) => {
        if (!LETTER.test(piece) || isDeliberate(piece)) return piece;
        // The last part of a compound is capitalised (Follow-Up); a minor word inside stays lower (Out-of-Court).
        const edge = (n === 0 && opensPhrase) || (n > 0 && n === pieces.length - 1) || (i === last && n === pieces.length - 1);
        return MINOR_EN.has(bare(piece)) && !edge ? piece.toLowerCase() : capitalise(piece);
      })
      .join('-');
  }
  return parts.join('');
}
