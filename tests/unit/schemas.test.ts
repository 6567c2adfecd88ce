import { describe, expect, it } from 'vitest';
import { createCampaignSchema, updateCampaignSchema } from '@/lib/schemas/campaign';
import { createDeliverySchema, recordResponseSchema } from '@/lib/schemas/delivery';
import { toFieldErrors } from '@/lib/schemas/field-errors';
import { signSchema } from '@/lib/schemas/signature';

const valid = { givenName: ' Ana ', familyName: 'Velez', email: 'Ana@Example.org', country: 'fr', visibility: 'public', consent: true };

describe('signSchema', () => {
  it('trims names, upper-cases the country and defaults updates to off', () => {
    expect(signSchema.parse(valid)).toMatchObject({ givenName: 'Ana', country: 'FR', updates: false, title: null });
  });

  it('requires explicit consent', () => {
    const result = signSchema.safeParse({ ...valid, consent: 'yes' });
    expect(result.success).toBe(false);
    expect(toFieldErrors(result.error!)).toHaveProperty('consent');
  });

  it('names unknown fields instead of ignoring them', () => {
    const result = signSchema.safeParse({ ...valid, isAdmin: true });
    expect(toFieldErrors(result.error!)).toEqual({ isAdmin: ['Unknown field'] });
  });

  it('refuses wrong types with a message per field', () => {
    const result = signSchema.safeParse({ ...valid, givenName: 42, updates: 'maybe', country: ['FR'] });
    expect(Object.keys(toFieldErrors(result.error!)).sort()).toEqual(['country', 'givenName', 'updates']);
  });
});

describe('campaign schemas', () => {
  const campaign = { slug: 'free-the-five', title: 'Free the five', letter: 'Text', addressees: ['OHCHR'], language: 'en' };

  it('accepts a minimal campaign', () => {
    expect(createCampaignSchema.parse(campaign)).toMatchObject({ slug: 'free-the-five', summary: null });
  });

  it('refuses reserved and malformed slugs', () => {
    for (const slug of ['new', 'Free The Five', '-x-', 'a']) {
      expect(createCampaignSchema.safeParse({ ...campaign, slug }).success).toBe(false);
    }
  });

  it('refuses deadlines PostgreSQL cannot store (year 0) or that no letter needs, with a field error', () => {
    for (const deadline of ['0000-01-01', '0001-01-01', '1999-12-31', '2201-01-01', '9999-12-31']) {
      const result = createCampaignSchema.safeParse({ ...campaign, deadline });
      expect(result.success, deadline).toBe(false);
      expect(toFieldErrors(result.error!)).toEqual({ deadline: ['Deadline must be between 2000-01-01 and 2200-12-31'] });
    }
    for (const deadline of ['2000-01-01', '2026-12-31', '2200-12-31', null]) {
      expect(createCampaignSchema.parse({ ...campaign, deadline }).deadline).toBe(deadline);
    }
    expect(toFieldErrors(updateCampaignSchema.safeParse({ deadline: '31/12/2026' }).error!)).toEqual({
      deadline: ['Deadline must be a date (YYYY-MM-DD)'],
    });
  });

  it('allows partial updates but only known statuses', () => {
    expect(updateCampaignSchema.parse({ status: 'published' })).toEqual({ status: 'published' });
    expect(updateCampaignSchema.safeParse({ status: 'deleted' }).success).toBe(false);
  });
});

describe('text that PostgreSQL cannot store or that could disguise a name', () => {
  const campaign = { slug: 'free-the-five', title: 'Free the five', letter: 'Text', addressees: ['OHCHR'], language: 'en' };

  it('refuses NUL and other control characters in every text field, with a field error', () => {
    const result = createCampaignSchema.safeParse({ ...campaign, letter: 'a\u0000b', summary: 'x\u0000', organisedBy: '\u0007' });
    expect(Object.keys(toFieldErrors(result.error!)).sort()).toEqual(['letter', 'organisedBy', 'summary']);
    expect(signSchema.safeParse({ ...valid, title: 'Judge\u0000' }).success).toBe(false);
  });

  it('refuses a NUL in a delivery’s note and a response’s text, which once reached the database as a 500', () => {
    const delivery = { addressee: 'OHCHR', channel: 'post', formats: ['csv'] };
    expect(toFieldErrors(createDeliverySchema.safeParse({ ...delivery, note: 'Handed over\u0000' }).error!)).toEqual({ note: ['Note contains characters that are not allowed'] });
    expect(createDeliverySchema.parse({ ...delivery, note: ' Line one\r\nline two\t ' }).note).toBe('Line one\nline two');
    expect(createDeliverySchema.parse({ ...delivery, note: '  ' }).note).toBeNull();
    expect(recordResponseSchema.safeParse({ status: 'answered', receivedOn: '2026-11-20', text: 'We\u0000replied' }).success).toBe(false);
  });

  it('keeps line breaks in the letter, as Unix line ends', () => {
    expect(createCampaignSchema.parse({ ...campaign, letter: 'Dear all,\r\n\r\nWe write.' }).letter).toBe('Dear all,\n\nWe write.');
  });
});

describe('hostile field names and invisible names', () => {
  it('reports __proto__ and constructor as unknown fields instead of failing', () => {
    const result = signSchema.safeParse(JSON.parse('{"__proto__": {}, "constructor": 1, "toString": 1}'));
    const fields = toFieldErrors(result.error!);
    expect(fields.__proto__).toEqual(['Unknown field']);
    expect(fields.constructor).toEqual(['Unknown field']);
    expect(JSON.parse(JSON.stringify(fields))).toHaveProperty('toString');
  });

  it('refuses names made only of invisible characters, and direction marks in titles', () => {
    const result = signSchema.safeParse({ ...valid, givenName: 'Zero\u200B', familyName: '\u200B', title: 'Prof \u202Egnp.exe' });
    expect(Object.keys(toFieldErrors(result.error!)).sort()).toEqual(['familyName', 'givenName', 'title']);
  });

  it('keeps the zero-width non-joiner that Persian names need', () => {
    expect(signSchema.parse({ ...valid, givenName: 'مهر\u200Cانگیز' }).givenName).toBe('مهر\u200Cانگیز');
  });

  it('says "must be text" for a wrong type and "is required" for a missing field', () => {
    const wrong = toFieldErrors(signSchema.safeParse({ ...valid, givenName: 123 }).error!);
    expect(wrong.givenName).toEqual(['Given name must be text']);
    const { familyName: _omitted, ...missing } = valid;
    expect(toFieldErrors(signSchema.safeParse(missing).error!).familyName).toEqual(['Family name is required']);
  });
});
