import { describe, expect, it } from 'vitest';
import { readCampaignForm, toCampaignInput, toFormErrors } from '@/lib/http/read-campaign-form';
import { FROZEN_FIELDS_MESSAGE } from '@/lib/campaigns/update-campaign';
import { AppError } from '@/lib/errors';
import { createCampaignSchema } from '@/lib/schemas/campaign';
import { parseInput } from '@/lib/schemas/field-errors';

const ADDRESSEE_PARTS = ['name', 'role', 'postalAddress', 'email'];
const HRC_PARTS = ['session', 'agendaItem', 'sessionStartsOn', 'submitter.name', 'submitter.ecosocStatus', 'contact.name', 'contact.email', 'contact.phone'];

/** What a browser without JavaScript posts: every field on the page, the spare fieldsets empty. */
function post(fields: Record<string, string | string[]>, options: { addresseeSlots?: number } = {}): FormData {
  const form = new FormData();
  const base: Record<string, string | string[]> = {
    kind: 'letter',
    title: 'Release the detained journalists',
    slug: 'release-them',
    summary: '',
    letter: 'Excellency,\r\n\r\nWe write about five journalists.',
    demands: '',
    place: '',
    organisedBy: '',
    signerKinds: ['', 'individual'],
    goal: '',
    deadline: '',
    language: 'en',
  };
  for (let i = 0; i < (options.addresseeSlots ?? 3); i += 1) for (const part of ADDRESSEE_PARTS) base[`addressees.${i}.${part}`] = '';
  for (const part of HRC_PARTS) base[`hrc.${part}`] = '';
  for (const [name, value] of Object.entries({ ...base, ...fields })) {
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
  }
  return form;
}

const inputOf = (form: FormData) => toCampaignInput(readCampaignForm(form));

const statementDetails = {
  'hrc.session': '61',
  'hrc.agendaItem': '4',
  'hrc.sessionStartsOn': '2026-02-23',
  'hrc.submitter.name': 'International Federation for Human Rights Leagues',
  'hrc.submitter.ecosocStatus': 'special',
  'hrc.contact.name': 'Ana Velez',
  'hrc.contact.email': ' ana@example.org ',
  'hrc.contact.phone': '',
};

/** The refusal lib/ would throw for this input, as the form words it. */
function refusalOf(form: FormData) {
  const values = readCampaignForm(form);
  const input = toCampaignInput(values);
  const error = (() => {
    try {
      parseInput(createCampaignSchema, input);
    } catch (caught) {
      return caught as AppError;
    }
    throw new Error('the input was accepted');
  })();
  return toFormErrors(error, values, input, FROZEN_FIELDS_MESSAGE);
}

describe('the campaign form as the campaign input', () => {
  it('ignores the empty addressee fieldsets a form without JavaScript sends, and keeps the filled ones in page order', () => {
    const form = post({ 'addressees.0.name': 'UN High Commissioner for Human Rights', 'addressees.2.name': 'UN Working Group on Arbitrary Detention', 'addressees.2.email': ' wgad@ohchr.org ' });
    const input = inputOf(form);
    expect(input.addressees).toEqual([
      { name: 'UN High Commissioner for Human Rights', role: null, postalAddress: null, email: null },
      { name: 'UN Working Group on Arbitrary Detention', role: null, postalAddress: null, email: 'wgad@ohchr.org' },
    ]);
    expect(input.letter).toBe('Excellency,\n\nWe write about five journalists.');
    expect(createCampaignSchema.safeParse(input).success).toBe(true);
  });

  it('orders addressees by their number on the page, not by the order the fields arrive in', () => {
    const form = new FormData();
    form.append('addressees.10.name', 'Third');
    form.append('addressees.2.name', 'Second');
    form.append('addressees.0.postalAddress', 'Palais des Nations\r\nCH-1211 Geneva 10');
    form.append('addressees.0.name', 'First');
    const { addressees } = readCampaignForm(form);
    expect(addressees?.map((a) => a.name)).toEqual(['First', 'Second', 'Third']);
    expect(toCampaignInput({ addressees }).addressees).toMatchObject([{ postalAddress: 'Palais des Nations\r\nCH-1211 Geneva 10' }, {}, {}]);
  });

  it('takes a fieldset with only a name as a plain addressee, and sends an empty list when every fieldset is empty', () => {
    expect(inputOf(post({ 'addressees.1.name': 'Office of the High Commissioner' })).addressees).toEqual([
      { name: 'Office of the High Commissioner', role: null, postalAddress: null, email: null },
    ]);
    const none = inputOf(post({ kind: 'call' }));
    expect(none.addressees).toEqual([]);
    expect(createCampaignSchema.safeParse(none).success).toBe(true);
    expect(createCampaignSchema.safeParse({ ...none, kind: 'letter' }).success).toBe(false);
  });

  it('keeps a fieldset with a role but no name, so it is refused rather than silently dropped', () => {
    expect(refusalOf(post({ 'addressees.1.role': 'High Commissioner' }))?.errors).toEqual({ 'addressees.0.name': 'required' });
  });

  it('sends the HRC details only for an HRC statement', () => {
    for (const kind of ['letter', 'call']) {
      const input = inputOf(post({ kind, 'addressees.0.name': 'UN High Commissioner for Human Rights', ...statementDetails }));
      expect(input).not.toHaveProperty('hrc');
      expect(createCampaignSchema.safeParse(input).success).toBe(true);
    }
    const input = inputOf(post({ kind: 'hrc-statement', 'addressees.0.name': 'Human Rights Council', ...statementDetails }));
    expect(input.hrc).toEqual({
      session: 61,
      agendaItem: 4,
      sessionStartsOn: '2026-02-23',
      submitter: { name: 'International Federation for Human Rights Leagues', ecosocStatus: 'special' },
      contact: { name: 'Ana Velez', email: 'ana@example.org', phone: null },
    });
    expect(createCampaignSchema.parse(input)).toMatchObject({ kind: 'hrc-statement', hrc: { session: 61 } });
  });

  it('reads the signer-kind checkboxes, and tells none ticked apart from none sent', () => {
    expect(inputOf(post({ signerKinds: ['', 'organisation', 'notable'] })).signerKinds).toEqual(['organisation', 'notable']);
    expect(inputOf(post({ signerKinds: [''] })).signerKinds).toEqual([]);
    const form = post({});
    form.delete('signerKinds');
    expect(inputOf(form)).not.toHaveProperty('signerKinds');
    expect(refusalOf(post({ signerKinds: [''], 'addressees.0.name': 'UN High Commissioner' }))?.errors).toEqual({ signerKinds: 'required' });
  });
});

describe('refusals as per-field errors', () => {
  it('points at the addressee and the HRC detail that are wrong, not just at the group', () => {
    const refusal = refusalOf(
      post({
        kind: 'hrc-statement',
        'addressees.0.name': 'Human Rights Council',
        'addressees.2.name': 'Secretariat',
        'addressees.2.email': 'not an address',
        ...statementDetails,
        'hrc.session': 'sixty-one',
        'hrc.submitter.ecosocStatus': '',
        'hrc.contact.email': '',
      }),
    );
    expect(refusal?.errors).toEqual({
      'addressees.1.email': 'invalid',
      'hrc.session': 'invalid',
      'hrc.submitter.ecosocStatus': 'required',
      'hrc.contact.email': 'required',
    });
    expect(refusal?.messages['hrc.session']).toBe('Session must be a number');
  });

  it('says an NGO without status cannot submit, and that an HRC statement must be in English, French or Spanish', () => {
    const refusal = refusalOf(post({ kind: 'hrc-statement', language: 'fa', 'addressees.0.name': 'Human Rights Council', ...statementDetails, 'hrc.submitter.ecosocStatus': 'none' }));
    expect(refusal?.errors).toEqual({ language: 'hrcLanguage', 'hrc.submitter.ecosocStatus': 'invalid' });
    expect(refusal?.messages['hrc.submitter.ecosocStatus']).toMatch(/ECOSOC consultative status/);
  });

  it('asks for an addressee on a letter, and for at most 30', () => {
    expect(refusalOf(post({}))?.errors).toEqual({ addressees: 'required' });
    const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`addressees.${i}.name`, `Addressee ${i + 1}`]));
    expect(refusalOf(post(many, { addresseeSlots: 31 }))?.errors).toEqual({ addressees: 'tooMany' });
  });

  it('calls a published slug locked, but not the other fields of the same refusal', () => {
    const values = { slug: 'new-address', addressees: [], kind: 'letter' };
    const error = new AppError('validation', FROZEN_FIELDS_MESSAGE, { slug: ['The address of a published campaign cannot change'], addressees: ['Name at least one addressee'] });
    expect(toFormErrors(error, values, toCampaignInput(values), FROZEN_FIELDS_MESSAGE)?.errors).toEqual({ slug: 'locked', addressees: 'required' });
  });

  it('calls a slug in use taken, and gives up on a field the form does not have', () => {
    const values = { slug: 'taken-slug' };
    expect(toFormErrors(new AppError('conflict', 'in use', { slug: ['in use'] }), values, {}, FROZEN_FIELDS_MESSAGE)?.errors).toEqual({ slug: 'taken' });
    expect(toFormErrors(new AppError('validation', 'bad', { translations: ['bad'] }), values, {}, FROZEN_FIELDS_MESSAGE)).toBeNull();
  });
});
