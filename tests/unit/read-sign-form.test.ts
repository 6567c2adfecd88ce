import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { formToObject } from '@/lib/http/form-data';
import { mapSignErrors } from '@/lib/http/map-sign-errors';
import { readSignForm, SIGN_FIELDS } from '@/lib/http/read-sign-form';
import { parseInput } from '@/lib/schemas/field-errors';
import { signSchema } from '@/lib/schemas/signature';

/** A post as a browser without JavaScript sends it: every fieldset's inputs, empty unless filled. */
function noScriptPost(filled: Record<string, string>): Record<string, unknown> {
  const form = new FormData();
  form.append('website', '');
  for (const field of SIGN_FIELDS) {
    if (field === 'consent' || field === 'updates') continue;
    // Unchecked radios are not posted at all.
    if (['kind', 'ecosocStatus', 'visibility'].includes(field) && !(field in filled)) continue;
    form.append(field, filled[field] ?? '');
  }
  form.append('consent', 'on');
  const { website: _honeypot, ...data } = formToObject(form, ['consent', 'updates']);
  return data;
}

const person = { givenName: 'Jane', familyName: 'Doe', email: 'jane@example.org', country: 'FR' };

function fieldErrorsOf(input: Record<string, unknown>): Record<string, string[]> {
  try {
    parseInput(signSchema, input);
  } catch (error) {
    if (error instanceof AppError) return error.fields ?? {};
    throw error;
  }
  throw new Error('the input was valid');
}

describe('readSignForm', () => {
  it('takes a notable signer’s fields only, though every fieldset was posted', () => {
    const { input } = readSignForm(
      noScriptPost({ ...person, kind: 'notable', honorific: 'Prof.', notableTitle: 'Former UN Special Rapporteur', affiliation: 'University of Geneva', visibility: 'public' }),
    );
    expect(Object.keys(input).sort()).toEqual(['affiliation', 'consent', 'country', 'email', 'familyName', 'givenName', 'honorific', 'kind', 'title', 'updates', 'visibility']);
    const data = signSchema.parse(input);
    expect(data).toMatchObject({ kind: 'notable', honorific: 'Prof.', title: 'Former UN Special Rapporteur', affiliation: 'University of Geneva', visibility: 'public' });
    expect(data.organisation).toBeUndefined();
    expect(data.group).toBeUndefined();
  });

  it('ignores what was typed in another kind’s fields', () => {
    const { input } = readSignForm(
      noScriptPost({ ...person, kind: 'individual', title: 'Teacher', notableTitle: 'Judge', organisationName: 'Rights Watch', groupMembers: '4', visibility: 'counted' }),
    );
    const data = signSchema.parse(input);
    expect(data).toMatchObject({ kind: 'individual', title: 'Teacher', honorific: null, affiliation: null });
    expect(data.organisation).toBeUndefined();
    expect(data.group).toBeUndefined();
  });

  it('maps an organisation’s website to organisation.website, never to the honeypot, and its country to the signature', () => {
    const { input } = readSignForm(
      noScriptPost({
        ...person,
        country: '',
        kind: 'organisation',
        organisationName: 'Centre for Civil Rights',
        organisationCountry: 'ch',
        organisationWebsite: 'civilrights.example.org',
        ecosocStatus: 'special',
        visibility: 'public',
      }),
    );
    const data = signSchema.parse(input);
    expect(data.organisation).toEqual({ name: 'Centre for Civil Rights', country: 'CH', website: 'https://civilrights.example.org', ecosocStatus: 'special' });
    expect(data.country).toBe('CH');
    expect(data.givenName).toBe('Jane');
  });

  it('counts a group that chose nothing, with its number of people', () => {
    const { input } = readSignForm(noScriptPost({ ...person, kind: 'group', groupLabel: 'Family of Reza Karimi', groupMembers: '5' }));
    const data = signSchema.parse(input);
    expect(data).toMatchObject({ kind: 'group', visibility: 'counted', group: { label: 'Family of Reza Karimi', members: 5, relationship: null } });
  });

  it('posts an individual exactly as the form did before kinds existed', () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ ...person, title: 'Professor', visibility: 'public', consent: 'on' })) form.append(key, value);
    const { input, values } = readSignForm(formToObject(form, ['consent', 'updates']));
    expect(input).toEqual({ ...person, title: 'Professor', visibility: 'public', consent: true, updates: false });
    expect(values.kind).toBe('');
    expect(signSchema.parse(input).kind).toBe('individual');
  });
});

describe('mapSignErrors', () => {
  it('places an organisation’s errors at the organisation’s fields', () => {
    const { input, values } = readSignForm(noScriptPost({ ...person, kind: 'organisation', organisationWebsite: 'not a site', visibility: 'public' }));
    const errors = mapSignErrors(fieldErrorsOf(input), input, values);
    expect(errors).toEqual({ organisationName: 'required', organisationWebsite: 'invalid', ecosocStatus: 'required' });
  });

  it('places a group’s errors at its fields, and a notable title at the notable title', () => {
    const group = readSignForm(noScriptPost({ ...person, kind: 'group', groupMembers: '0' }));
    expect(mapSignErrors(fieldErrorsOf(group.input), group.input, group.values)).toEqual({ groupMembers: 'invalid' });
    const notable = readSignForm(noScriptPost({ ...person, kind: 'notable', notableTitle: 'x'.repeat(301), visibility: 'public' }));
    expect(mapSignErrors(fieldErrorsOf(notable.input), notable.input, notable.values)).toEqual({ notableTitle: 'invalid' });
  });

  it('shows a missing country at the organisation’s country', () => {
    const { input, values } = readSignForm(
      noScriptPost({ ...person, country: '', kind: 'organisation', organisationName: 'Rights Watch', ecosocStatus: 'none', visibility: 'public' }),
    );
    expect(mapSignErrors(fieldErrorsOf(input), input, values)).toEqual({ organisationCountry: 'required' });
  });

  it('answers for a kind the letter does not take, and gives up on a field the form does not have', () => {
    const { input, values } = readSignForm(noScriptPost({ ...person, kind: 'group', groupMembers: '3' }));
    expect(mapSignErrors({ kind: ['This letter does not take group signatures'] }, input, values)).toEqual({ kind: 'invalid' });
    expect(mapSignErrors({ extra: ['Unknown field'] }, input, values)).toBeNull();
  });
});
