import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAction, type ImportFormState } from '@/app/(organiser)/dashboard/c/[slug]/imports/import-actions';
import { POST } from '@/app/api/v1/campaigns/[slug]/imports/route';
import { SIGNER_KINDS } from '@/db/schema/campaigns';
import type { Caller } from '@/lib/auth/caller';
import { sha256Hex } from '@/lib/crypto/sha256';
import { IMPORT_COLUMNS } from '@/lib/schemas/signature-import';
import { createOrganiser, createPublishedCampaign, signAndConfirm } from '../../helpers/fixtures';
import {
  cleanAnswer,
  expectNoPrototypePollution,
  expectValidSignature,
  jsonBody,
  jsonRequest,
  nastyString,
  nastyValue,
  objectOf,
  PROPERTY_RUNS,
  propertyParameters,
  sometimes,
  storedSignatures,
} from '../../helpers/property';
import { session, countPayload } from './context';

// An online signer of the campaign: no import answer may name them, even when a file repeats their address.
const CONFIDENTIAL = { givenName: 'Zzimportconfidentialgiven', familyName: 'Zzimportconfidentialfamily', email: 'zz-import-confidential@example.org' };
const FORBIDDEN = [CONFIDENTIAL.givenName, CONFIDENTIAL.familyName];

const GHOST = 'no-such-letter-anywhere';
let owner: Caller;
let stranger: Caller;
let slug: string;
const ran = { api: 0, form: 0 };
// Rows the answers say were imported: the campaign must hold exactly that many paper signatures.
let importedRows = 0;

const GOOD_CELLS: Partial<Record<(typeof IMPORT_COLUMNS)[number], fc.Arbitrary<string>>> = {
  kind: fc.constantFrom('individual', 'individual', 'notable', ''),
  given_name: fc.constantFrom('Ana', 'پرستو', 'Mahsa', 'José'),
  family_name: fc.constantFrom('Velez', 'امینی\u200Cزاده', 'Karimi', "O'Brien"),
  country: fc.constantFrom('FR', 'IR', 'sy', ' CH '),
  visibility: fc.constantFrom('public', 'confidential', 'counted', ''),
  email: fc.oneof(fc.uuid().map((id) => `p-${id.slice(0, 13)}@example.org`), fc.constant('')),
  signed_on: fc.constantFrom('2026-03-08', ''),
  title: fc.constantFrom('', 'Teacher', '=HYPERLINK("http://evil.example")'),
};
const GOOD_HEADER = ['kind', 'given_name', 'family_name', 'country', 'visibility', 'email', 'signed_on', 'title'] as const;

// Cells that break files: formulas, quotes, separators, line breaks, NUL, 10k characters, mojibake.
const HOSTILE_CELL = fc.oneof(
  nastyString,
  fc.constantFrom('=cmd|\' /C calc\'!A0', '@SUM(1+1)', '"', '""', '"a""b"', 'a,b', 'a\nb', 'a\r\nb', '\r', 'Ã©', 'x'.repeat(20_000), ',,,,', '\u0000'),
);

/** A cell as a CSV writer would write it: quoted when it must be (or at random), quotes doubled. */
const quote = (cell: string, always: boolean) => (always || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

const goodFile = fc
  .tuple(fc.array(fc.tuple(...GOOD_HEADER.map((column) => GOOD_CELLS[column]!)), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.constantFrom('\r\n', '\n', '\r'))
  .map(([rows, always, eol]) => [GOOD_HEADER.join(','), ...rows.map((row) => row.map((cell) => quote(cell, always)).join(','))].join(eol) + eol);

const HEADER_NAME = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...IMPORT_COLUMNS) }, { weight: 1, arbitrary: fc.constantFrom('Given Name', 'EMAIL', 'phone', '', '__proto__', 'constructor', '=1+1') }, { weight: 1, arbitrary: nastyString });

/** Any file shaped like an import: a header of known and unknown columns, rows of good and hostile cells, broken quoting. */
const looseFile = fc
  .tuple(
    fc.array(HEADER_NAME, { minLength: 0, maxLength: 10 }),
    fc.array(fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...Object.values(GOOD_CELLS)).chain((cell) => cell) }, { weight: 1, arbitrary: HOSTILE_CELL }), { maxLength: 11 }), { maxLength: 8 }),
    fc.boolean(),
    fc.constantFrom('\r\n', '\n', '\r'),
    fc.option(fc.constantFrom('"', '"unterminated', 'a"b', '\u0000', '\n\n\n'), { freq: 4 }),
  )
  .map(([header, rows, always, eol, breakage]) => [header.map((cell) => quote(cell, always)).join(','), ...rows.map((row) => row.map((cell) => quote(cell, always)).join(','))].join(eol) + (breakage ?? ''));

const csvText = fc.oneof({ weight: 2, arbitrary: goodFile }, { weight: 3, arbitrary: looseFile }, { weight: 1, arbitrary: nastyString });

/** The file's bytes as spreadsheets and attackers save them. */
const csvBytes = fc.oneof(
  { weight: 6, arbitrary: csvText.map((text) => new TextEncoder().encode(text)) },
  { weight: 1, arbitrary: csvText.map((text) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])) },
  { weight: 1, arbitrary: csvText.map((text) => new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])) },
  { weight: 1, arbitrary: csvText.map((text) => new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()])) },
  { weight: 1, arbitrary: csvText.map((text) => new Uint8Array(Buffer.from(text, 'latin1'))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }) },
  { weight: 1, arbitrary: fc.tuple(goodFile, fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([text, tail]) => new Uint8Array([...new TextEncoder().encode(text), 0xc3, ...tail])) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
);

const DATE = fc.constantFrom('2026-03-08', '2026-02-30', '2999-01-01', '1899-12-31', '08/03/2026', '', '2026-3-8');
const goodProvenance = fc.record({ description: fc.constantFrom('Signed on paper at the Geneva vigil', 'امضا در تجمع'), collectedBy: fc.constantFrom('Amani field team'), collectedOn: fc.constant('2026-03-08') });
const provenance = fc.oneof(
  { weight: 4, arbitrary: goodProvenance },
  { weight: 2, arbitrary: objectOf({ description: sometimes(nastyString), collectedBy: sometimes(nastyString), collectedOn: sometimes(DATE) }) },
  { weight: 1, arbitrary: nastyValue },
);

export function describeImportProperties(): void {
  describe('property: the paper import', () => {
    beforeAll(async () => {
      owner = await createOrganiser();
      stranger = await createOrganiser();
      slug = (await createPublishedCampaign(owner, { signerKinds: [...SIGNER_KINDS] } as never)).campaign.slug;
      await signAndConfirm(slug, { ...CONFIDENTIAL, visibility: 'confidential' });
    });

    afterAll(() => {
      console.log(`[property] imports: ${ran.api + ran.form} payloads (API ${ran.api}, dashboard form ${ran.form}); ${importedRows} rows imported`);
    });

    it('the API imports valid files whole and refuses everything else with a clean 4xx', async () => {
      const body = objectOf({
        provenance: sometimes(provenance, 8),
        csv: sometimes(csvText, 8),
        fileName: sometimes(fc.constantFrom('vigil.csv', '../../etc/passwd', 'a'.repeat(300), 'نامه.csv'), 1),
        dryRun: sometimes(fc.constantFrom(true, false, false), 4),
      });
      const role = fc.constantFrom<'owner' | 'stranger' | 'nobody'>('owner', 'owner', 'owner', 'owner', 'owner', 'owner', 'stranger', 'nobody');
      await fc.assert(
        fc.asyncProperty(jsonBody(body), role, async (text, who) => {
          ran.api++;
          countPayload();
          session.caller = who === 'owner' ? owner : who === 'stranger' ? stranger : null;
          const post = (to: string) => POST(jsonRequest(`http://localhost/api/v1/campaigns/${to}/imports`, text), { params: Promise.resolve({ slug: to }) });
          const answer = await cleanAnswer(await post(slug), FORBIDDEN);
          // To anyone but its organisers the campaign answers as one that does not exist.
          if (who !== 'owner') expect(answer).toEqual(await cleanAnswer(await post(GHOST)));
          if (answer.status === 201) importedRows += JSON.parse(answer.text).rows;
          if (answer.status === 422) expect(JSON.parse(answer.text).errors).toEqual(expect.any(Array));
        }),
        propertyParameters(Math.ceil(PROPERTY_RUNS.imports / 2)),
      );
    }, 120_000);

    it('the dashboard form takes uploaded bytes in any encoding and answers with a state the page can show', async () => {
      const idle: ImportFormState = { status: 'idle', values: { description: '', collectedBy: '', collectedOn: '' } };
      const fields = fc.record({
        provenance: fc.oneof(goodProvenance, fc.record({ description: nastyString, collectedBy: nastyString, collectedOn: DATE })),
        intent: fc.constantFrom('preview', 'import', 'import', 'delete', ''),
        sha256: fc.constantFrom('right', 'right', 'wrong', 'missing'),
        fileName: fc.constantFrom('vigil.csv', '', 'x'.repeat(400), '..\\..\\boot.ini', 'نامه.csv'),
      });
      await fc.assert(
        fc.asyncProperty(csvBytes, fields, async (bytes, { provenance: given, intent, sha256, fileName }) => {
          ran.form++;
          countPayload();
          session.caller = owner;
          const form = new FormData();
          for (const [key, value] of Object.entries(given)) form.set(key, value);
          if (intent) form.set('intent', intent);
          if (sha256 !== 'missing') form.set('sha256', sha256 === 'right' ? sha256Hex(bytes) : '0'.repeat(64));
          form.set('file', new File([bytes], fileName, { type: 'text/csv' }));
          const posted = await new Request('http://localhost/dashboard/c/x/imports', { method: 'POST', body: form }).formData();
          const state = await importAction(slug, idle, posted);
          expect(['refused', 'preview', 'imported']).toContain(state.status);
          for (const secret of FORBIDDEN) expect(JSON.stringify(state)).not.toContain(secret);
          if (state.status === 'imported') importedRows += state.rows;
        }),
        propertyParameters(Math.floor(PROPERTY_RUNS.imports / 2)),
      );
    }, 120_000);

    it('leaves exactly the imported rows, each a valid signature, and ran its share of the payloads', async () => {
      const stored = await storedSignatures(owner, slug);
      for (const item of stored) expectValidSignature(item);
      expect(stored.filter((item) => item.source === 'paper')).toHaveLength(importedRows);
      expect(ran.api + ran.form).toBeGreaterThanOrEqual(PROPERTY_RUNS.imports);
      expectNoPrototypePollution();
    });
  });
}
