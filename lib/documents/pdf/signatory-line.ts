import type { Signatory } from '@/lib/signatories/signatory';
import { cleanText, isolate } from './bidi';
import type { Labels } from './labels';

export type LinePart = { text: string; role: 'name' | 'text' | 'small' | 'mark' };

/**
 * One annex line, without its number: who signed, then what they are, then where.
 *   notable, individual: `Prof. Jane Doe, Former Special Rapporteur on X (2004–2010), University of Y, Country`
 *   organisation:        `Registered Name, Country  website`
 *   group:               `Family of … (6 people), relationship, Country`
 * Each field is isolated (first strong character) so a Persian name cannot reorder its neighbours.
 */
export function signatoryLine(signatory: Signatory, labels: Labels, countryName: (code: string) => string, formatNumber: (n: number) => string): LinePart[] {
  const parts: LinePart[] = [];
  const mark = signatory.review === 'pending' ? [{ text: ` ${labels.unreviewed}`, role: 'mark' as const }] : [];
  if (!signatory.named) return [{ text: labels.nameWithheld, role: 'text' }, ...mark];

  const field = (value: string | null | undefined) => {
    const text = value ? cleanText(value) : '';
    if (text) parts.push({ text: ', ', role: 'text' }, { text: isolate(text), role: 'text' });
  };
  const person = cleanText([signatory.honorific, signatory.givenName, signatory.familyName].filter(Boolean).join(' '));
  switch (signatory.kind) {
    case 'organisation':
      parts.push({ text: isolate(cleanText(signatory.organisationName ?? '') || person), role: 'name' });
      break;
    case 'group':
      parts.push({ text: isolate(cleanText(signatory.groupLabel ?? '') || person), role: 'name' });
      parts.push({ text: ` ${labels.members(formatNumber(signatory.members), signatory.members === 1)}`, role: 'text' });
      field(signatory.groupRelationship);
      break;
    default:
      parts.push({ text: isolate(person), role: 'name' });
      field(signatory.title);
      field(signatory.affiliation);
  }
  if (signatory.country) field(countryName(signatory.country));
  if (signatory.kind === 'organisation' && signatory.website) {
    const website = cleanText(signatory.website).replace(/^https?:\/\//i, '').replace(/\/$/, '');
    if (website) parts.push({ text: `  ${isolate(website)}`, role: 'small' });
  }
  parts.push(...mark);
  return parts;
}
