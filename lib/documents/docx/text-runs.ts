import { TextRun, type IRunOptions } from 'docx';

// XML 1.0 cannot hold C0 controls (the file would not open), and direction overrides or
// isolates could make a name read differently from what was stored.
const UNWRITABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g;

const ARABIC_SCRIPT = /\p{Script_Extensions=Arabic}/u;
// An Arabic-script stretch: from one Arabic-script character to the last, with the spaces,
// digits, punctuation and joiners between them (so a two-word Persian name stays one run).
const ARABIC_STRETCH = /\p{Script_Extensions=Arabic}(?:[\p{Script_Extensions=Arabic}\s\p{N}\p{P}\u200C\u200D\u064B-\u065F]*\p{Script_Extensions=Arabic})?/gu;

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '»': '«' };

// "(ایران)" keeps its closing bracket in the right-to-left run, or Word would draw it on the wrong side.
function withClosingBrackets(stretch: string, rest: string): string {
  let out = stretch;
  for (const char of rest) {
    const opener = CLOSERS[char];
    if (!opener || out.split(opener).length <= out.split(char).length) break;
    out += char;
  }
  return out;
}

export type ScriptRun = { text: string; rtl: boolean };

/** Text made safe for XML, cut into runs so that only Arabic-script runs are right-to-left. */
export function splitScriptRuns(text: string): ScriptRun[] {
  const clean = text.replace(UNWRITABLE, '');
  if (!ARABIC_SCRIPT.test(clean)) return clean ? [{ text: clean, rtl: false }] : [];
  const runs: ScriptRun[] = [];
  let at = 0;
  for (const match of clean.matchAll(ARABIC_STRETCH)) {
    if (match.index < at) continue;
    if (match.index > at) runs.push({ text: clean.slice(at, match.index), rtl: false });
    const stretch = withClosingBrackets(match[0], clean.slice(match.index + match[0].length));
    runs.push({ text: stretch, rtl: true });
    at = match.index + stretch.length;
  }
  if (at < clean.length) runs.push({ text: clean.slice(at), rtl: false });
  return runs;
}

/** Word runs for a piece of text with one formatting; `rightToLeft` is set on Arabic-script runs only. */
export function textRuns(text: string, format: Omit<IRunOptions, 'text' | 'children'> = {}): TextRun[] {
  return splitScriptRuns(text).map((run) => new TextRun({ ...format, text: run.text, ...(run.rtl ? { rightToLeft: true } : {}) }));
}
