import { finished } from 'node:stream/promises';
import { AlignmentType, Document, FootnoteReferenceRun, Packer, Paragraph, type ParagraphChild } from 'docx';
import type { HrcStatementDetails } from '@/db/schema/campaigns';
import { titleCase } from '@/lib/campaigns/hrc/title-case';
import { supportersFootnote } from '@/lib/campaigns/hrc/supporters-footnote';
import type { DocumentWriter } from '@/lib/documents/document-source';
import { AppError } from '@/lib/errors';
import { hrcStatementProblems } from './hrc-statement-problems';
import { markdownParagraphs, orderedLevel } from './markdown-paragraphs';
import { readHrcOrganisations, sameOrganisation, type CoSponsorStatus } from './read-hrc-organisations';
import { textRuns } from './text-runs';

const FONT = 'Times New Roman';
const BODY_SIZE = 24;
const FOOTNOTE_SIZE = 20;
const FOOTNOTE_ID = 1;
const DEMANDS_REFERENCE = 'demands';

/** The UN NGO database's wording of each status. */
const STATUS_WORDING: Record<CoSponsorStatus, string> = {
  general: 'General Consultative Status',
  special: 'Special Consultative Status',
  roster: 'Roster',
};
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'French', es: 'Spanish' };
// Word's proofing language; the UN writes British English.
const WORD_LANGUAGE: Record<string, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

const line = (children: ParagraphChild[], after = 0) => new Paragraph({ spacing: { after }, children });
const heading = (text: string) => new Paragraph({ keepNext: true, spacing: { before: 240, after: 60 }, children: textRuns(text, { bold: true }) });
const named = (name: string, status: CoSponsorStatus) => line(textRuns(`${name} (${STATUS_WORDING[status]})`));

/** Parts I to IV of the secretariat's form, for the secretariat: left-aligned, plain. */
function formParagraphs(hrc: HrcStatementDetails, language: string, coSponsors: { name: string; status: CoSponsorStatus }[]): Paragraph[] {
  const submitterStatus = hrc.submitter.ecosocStatus as CoSponsorStatus;
  return [
    heading('I. Contact details'),
    line(textRuns(hrc.submitter.name)),
    line(textRuns(`Contact person: ${hrc.contact.name}`)),
    ...(hrc.contact.phone ? [line(textRuns(`Phone: ${hrc.contact.phone}`))] : []),
    line(textRuns(`Email: ${hrc.contact.email}`)),
    heading('II. Language'),
    line(textRuns(LANGUAGE_NAMES[language] ?? language)),
    heading('III. Session and agenda item'),
    line(textRuns(`Human Rights Council, ${ordinal(hrc.session)} session, Agenda item ${hrc.agendaItem}`)),
    heading('IV. Submitting organisation and co-sponsors'),
    named(hrc.submitter.name, submitterStatus),
    ...coSponsors.filter((sponsor) => sameOrganisation(sponsor.name) !== sameOrganisation(hrc.submitter.name)).map((sponsor) => named(sponsor.name, sponsor.status)),
    line([], 480),
  ];
}

/**
 * The joint written statement to the Human Rights Council as the secretariat's form asks for it:
 * contact, language, session, submitter and co-sponsors with their status, then the title (with
 * a real Word footnote naming the supporters without status) and the text, Times New Roman,
 * justified, no UN header.
 *
 * Reads the organisations once, checks the HRC rules, and refuses with AppError('validation')
 * before writing a byte if any is broken; callers that answer over HTTP should call
 * `readHrcOrganisations` and `hrcStatementProblems` first to answer 422 instead of a broken download.
 */
export const writeHrcStatement: DocumentWriter = async (source, out) => {
  const { campaign } = source.context;
  const { coSponsors, supporters } = await readHrcOrganisations(source);
  const check = hrcStatementProblems(source.context, supporters);
  if (check.errors.length > 0 || !campaign.hrc) throw new AppError('validation', check.errors.join('; ') || 'The statement has no HRC details');

  const footnote = supportersFootnote(supporters, campaign.language);
  const title = new Paragraph({
    keepNext: true,
    spacing: { after: 240 },
    children: [
      ...textRuns(titleCase(campaign.title, campaign.language), { bold: true, size: BODY_SIZE }),
      ...(footnote ? [new FootnoteReferenceRun(FOOTNOTE_ID)] : []),
    ],
  });
  const text = markdownParagraphs(campaign.letter);
  const demands = campaign.demands.map(
    (demand) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { after: 120 }, numbering: { reference: DEMANDS_REFERENCE, level: 0 }, children: textRuns(demand) }),
  );

  const doc = new Document({
    creator: campaign.hrc.submitter.name,
    title: campaign.title,
    styles: {
      default: {
        document: {
          run: { font: { ascii: FONT, hAnsi: FONT, cs: FONT }, size: BODY_SIZE, language: { value: WORD_LANGUAGE[campaign.language] ?? campaign.language } },
        },
      },
      paragraphStyles: [
        {
          id: 'FootnoteText',
          name: 'footnote text',
          basedOn: 'Normal',
          run: { size: FOOTNOTE_SIZE },
          paragraph: { alignment: AlignmentType.JUSTIFIED },
        },
      ],
    },
    numbering: { config: [...text.numbering, { reference: DEMANDS_REFERENCE, levels: [orderedLevel(0)] }] },
    footnotes: footnote
      ? {
          [FOOTNOTE_ID]: {
            children: [new Paragraph({ style: 'FootnoteText', alignment: AlignmentType.JUSTIFIED, children: textRuns(` ${footnote}`, { size: FOOTNOTE_SIZE }) })],
          },
        }
      : {},
    sections: [{ children: [...formParagraphs(campaign.hrc, campaign.language, coSponsors), title, ...text.paragraphs, ...demands] }],
  });

  out.end(await Packer.toBuffer(doc));
  await finished(out);
};
