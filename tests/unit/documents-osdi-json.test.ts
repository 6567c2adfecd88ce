import { describe, expect, it } from 'vitest';
import { toOsdiSignature } from '@/lib/documents/osdi-json/to-osdi-signature';
import { writeOsdiJson } from '@/lib/documents/osdi-json/write-osdi-json';
import {
  ARABIC,
  GROUP_SECRETS,
  memorySource,
  PERSIAN,
  sampleSignatories,
  signatory,
  WITHHELD_SECRETS,
  writeToBuffer,
} from '../helpers/memory-document-source';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function osdiOf(rows = sampleSignatories(), pageSize = 3) {
  const source = memorySource(rows, { pageSize });
  const bytes = await writeToBuffer(writeOsdiJson, source);
  const doc = JSON.parse(bytes.toString('utf8')) as Json;
  return { bytes, doc, reads: source.reads, signatures: doc._embedded['osdi:signatures'] as Json[] };
}

describe('writeOsdiJson', () => {
  it('writes the letter as an OSDI petition with its whole signature collection on one page', async () => {
    const { doc, signatures, reads } = await osdiOf();
    expect(doc).toMatchObject({
      identifiers: ['undersigned:free-the-five'],
      title: 'Free the Harbour Street Five',
      petition_text: 'Excellency,\n\nWe write about **five journalists**.',
      target: [{ name: 'UN High Commissioner for Human Rights', title: 'High Commissioner' }],
      total_signatures: 9,
      browser_url: 'https://letters.example.org/c/free-the-five',
      'undersigned:version': { number: 2, sha256: 'b'.repeat(64) },
      'undersigned:versions': [
        { number: 1, sha256: 'a'.repeat(64), signatures: 3 },
        { number: 2, sha256: 'b'.repeat(64), signatures: 6 },
      ],
      total_records: 9,
      per_page: 9,
      page: 1,
      total_pages: 1,
    });
    expect(doc._links.self.href).toBe('https://letters.example.org/api/v1/campaigns/free-the-five/exports/json');
    expect(signatures.map((s) => s.identifiers[0])).toEqual(Array.from({ length: 9 }, (_, i) => `undersigned:free-the-five/signatory-${i + 1}`));
    expect(reads).toEqual(['date']);
  });

  it('gives each kind of signer its person and custom fields', async () => {
    const { signatures } = await osdiOf();
    expect(signatures[0]).toEqual({
      identifiers: ['undersigned:free-the-five/signatory-1'],
      action_date: '2026-03-01',
      created_date: '2026-03-01',
      person: {
        given_name: 'Helena',
        family_name: 'Marsh',
        postal_addresses: [{ country: 'GB' }],
        custom_fields: { kind: 'individual', source: 'online', review: 'not-needed', version: 1 },
      },
    });
    expect(signatures[1].person).toMatchObject({
      honorific_prefix: 'Prof.',
      custom_fields: { kind: 'notable', title: 'Former UN Special Rapporteur on X (2000-2008)', affiliation: 'University of Northbridge', review: 'approved', version: 2 },
    });
    expect(signatures[2].person.custom_fields).toMatchObject({ kind: 'organisation', organisation: 'Comité de Soutien aux Droits de l’Homme en Iran', ecosoc_status: 'special' });
    expect(signatures[3].person.custom_fields).toMatchObject({ kind: 'group', group_label: 'Families of the disappeared of 1988', group_members: 1112 });
    expect(signatures[6].person.custom_fields).toMatchObject({ source: 'paper' });
    expect(signatures[7].person.custom_fields).toMatchObject({ review: 'pending' });
  });

  it('gives a withheld signer no person fields, only name_withheld and what counts them', async () => {
    const { signatures, bytes } = await osdiOf();
    expect(signatures[4].person).toEqual({
      custom_fields: { name_withheld: true, kind: 'individual', source: 'online', review: 'not-needed', version: 1 },
    });
    expect(signatures[5].person).toEqual({
      custom_fields: { name_withheld: true, kind: 'group', group_members: 6, source: 'online', review: 'not-needed', version: 2 },
    });
    const text = bytes.toString('utf8');
    for (const secret of [...Object.values(WITHHELD_SECRETS), ...Object.values(GROUP_SECRETS)]) expect(text).not.toContain(secret);
  });

  it('holds no email address, neither signers’ nor addressees’', async () => {
    const { bytes } = await osdiOf();
    const text = bytes.toString('utf8');
    expect(text).not.toContain('email');
    expect(text).not.toContain('hc-office@ohchr.example');
    expect(text).not.toMatch(/[\w.]+@[\w-]+\.[a-z]{2,}/i);
  });

  it('keeps Persian and Arabic names byte for byte, unescaped', async () => {
    const { bytes, signatures } = await osdiOf();
    for (const text of [...Object.values(PERSIAN), ...Object.values(ARABIC)]) expect(bytes.includes(Buffer.from(text, 'utf8'))).toBe(true);
    expect(signatures[6].person).toMatchObject({ given_name: PERSIAN.givenName, family_name: PERSIAN.familyName, custom_fields: { title: PERSIAN.title } });
  });

  it('stays valid JSON whatever the page sizes, and with no signatures at all', async () => {
    for (const pageSize of [1, 2, 9, 100]) expect((await osdiOf(sampleSignatories(), pageSize)).signatures).toHaveLength(9);
    const empty = memorySource([]);
    const doc = JSON.parse((await writeToBuffer(writeOsdiJson, empty)).toString('utf8')) as Json;
    expect(doc._embedded['osdi:signatures']).toEqual([]);
    expect(doc.total_records).toBe(0);
  });

  it('exports toOsdiSignature as a pure function for a paged API', () => {
    const s = signatory({ number: 12, named: false, date: '2026-03-13' });
    expect(toOsdiSignature(s)).toEqual({
      identifiers: ['undersigned:signatory-12'],
      action_date: '2026-03-13',
      created_date: '2026-03-13',
      person: { custom_fields: { name_withheld: true, kind: 'individual', source: 'online', review: 'not-needed', version: 1 } },
    });
  });
});
