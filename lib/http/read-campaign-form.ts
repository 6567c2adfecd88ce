import type { z } from 'zod';
import { AppError } from '@/lib/errors';
import { isHrcStatementLanguage } from '@/lib/campaigns/hrc/supporters-footnote';
import { campaignLanguages, updateCampaignSchema } from '@/lib/schemas/campaign';
import { formText } from './form-data';
import {
  addresseeParts,
  campaignFormFields,
  hrcParts,
  MAX_ADDRESSEES,
  textFields,
  type AddresseePart,
  type CampaignFormField,
  type HrcPart,
  type TextField,
} from './campaign-form-fields';

/** Why a field was refused; the form words it in the organiser's language. */
export type CampaignFieldError = 'required' | 'invalid' | 'taken' | 'locked' | 'tooMany' | 'hrcLanguage';

export type AddresseeValues = Record<AddresseePart, string>;
export type HrcValues = Partial<Record<HrcPart, string>>;

/** The form as typed. A field left out (a disabled one) means "unchanged". */
export type CampaignFormValues = Partial<Record<TextField, string>> & {
  signerKinds?: string[];
  /** Without the fieldsets left empty. */
  addressees?: AddresseeValues[];
  hrc?: HrcValues;
};

/** What the form shows again after a refused submit: the text as typed, and why it was refused. */
export type CampaignFormState = {
  values: CampaignFormValues;
  /** Keyed by form path: `title`, `addressees.1.email`, `hrc.contact.email`. */
  errors: Record<string, CampaignFieldError>;
  /** The server's own words for each refused path, shown when the form has none of its own. */
  messages: Record<string, string>;
};

const ADDRESSEE_NAME = /^addressees\.(\d{1,4})\.(name|role|postalAddress|email)$/;

const text = formText;

/** Reads the posted form, as typed; repeated addressee fieldsets left empty are dropped. */
export function readCampaignForm(form: FormData): CampaignFormValues {
  const values: CampaignFormValues = {};
  for (const field of textFields) {
    const value = text(form, field);
    if (value !== undefined) values[field] = value;
  }

  // A hidden empty "signerKinds" marks the checkboxes as present, so none ticked is told apart from none sent.
  if (form.has('signerKinds')) {
    values.signerKinds = form.getAll('signerKinds').filter((kind): kind is string => typeof kind === 'string' && kind !== '');
  }

  const byIndex = new Map<number, AddresseeValues>();
  for (const [name, value] of form.entries()) {
    const match = ADDRESSEE_NAME.exec(name);
    if (!match || typeof value !== 'string') continue;
    const index = Number(match[1]);
    const addressee = byIndex.get(index) ?? { name: '', role: '', postalAddress: '', email: '' };
    addressee[match[2] as AddresseePart] = value;
    byIndex.set(index, addressee);
  }
  if (byIndex.size) {
    values.addressees = [...byIndex.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, addressee]) => addressee)
      .filter((addressee) => addresseeParts.some((part) => addressee[part].trim()));
  }

  const hrc: HrcValues = {};
  for (const part of hrcParts) {
    const value = text(form, `hrc.${part}`);
    if (value !== undefined) hrc[part] = value;
  }
  if (Object.keys(hrc).length) values.hrc = hrc;
  return values;
}

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

const orNull = (value: string) => (value.trim() ? value : null);
const orUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
const numberOrUndefined = (value: string | undefined) => (value?.trim() ? Number(value.trim()) : undefined);

/** Form strings to the shape the campaign schema expects; the schema does the validating. */
export function toCampaignInput(values: CampaignFormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const { slug, title, summary, letter, kind, demands, place, organisedBy, goal, deadline, language } = values;
  if (values.workspaceId) input.workspaceId = values.workspaceId;
  if (kind !== undefined) input.kind = kind;
  if (slug !== undefined) input.slug = slug;
  if (title !== undefined) input.title = title;
  if (summary !== undefined) input.summary = orNull(summary);
  // Browsers send textarea line breaks as CRLF; the stored letter uses LF.
  if (letter !== undefined) input.letter = letter.replace(/\r\n?/g, '\n');
  if (demands !== undefined) input.demands = lines(demands);
  if (values.addressees !== undefined) {
    input.addressees = values.addressees.map((addressee) => ({
      name: addressee.name,
      role: orNull(addressee.role),
      postalAddress: orNull(addressee.postalAddress),
      email: orNull(addressee.email.trim()),
    }));
  }
  if (values.signerKinds !== undefined) input.signerKinds = values.signerKinds;
  if (place !== undefined) input.place = orNull(place);
  if (organisedBy !== undefined) input.organisedBy = orNull(organisedBy);
  if (goal !== undefined) input.goal = goal.trim() ? Number(goal.trim()) : null;
  if (deadline !== undefined) input.deadline = deadline.trim() ? deadline.trim() : null;
  if (language !== undefined) input.language = language;
  // The HRC fieldset is on the page whatever the kind (it has to be, without JavaScript); it counts only for a statement.
  if (kind === 'hrc-statement' && values.hrc) {
    const hrc = values.hrc;
    input.hrc = {
      session: numberOrUndefined(hrc.session),
      agendaItem: numberOrUndefined(hrc.agendaItem),
      sessionStartsOn: orUndefined(hrc.sessionStartsOn),
      submitter: { name: hrc['submitter.name'] ?? '', ecosocStatus: orUndefined(hrc['submitter.ecosocStatus']) },
      contact: { name: hrc['contact.name'] ?? '', email: (hrc['contact.email'] ?? '').trim(), phone: orNull(hrc['contact.phone'] ?? '') },
    };
  }
  return input;
}

function isFormField(key: string): key is CampaignFormField {
  return (campaignFormFields as readonly string[]).includes(key);
}

/** The value typed at a form path, for telling "left empty" from "wrong". */
function valueAt(values: CampaignFormValues, path: string): string {
  const [field, ...rest] = path.split('.');
  if (field === 'addressees' && rest.length === 2) return values.addressees?.[Number(rest[0])]?.[rest[1] as AddresseePart] ?? '';
  if (field === 'hrc' && rest.length) return values.hrc?.[rest.join('.') as HrcPart] ?? '';
  if (field === 'signerKinds') return values.signerKinds?.join(',') ?? '';
  if (field === 'addressees') return values.addressees?.length ? 'some' : '';
  if (field === 'hrc') return '';
  return values[field as TextField] ?? '';
}

type Issue = { path: string; message: string };

/**
 * The schema's issues with their full paths. lib/ reports a field error under its top-level key
 * only ("addressees", "hrc"), so the input is parsed again to find which fieldset and which part.
 */
function nestedIssues(input: Record<string, unknown>): Issue[] {
  const result = updateCampaignSchema.safeParse(input);
  return result.success ? [] : flatten(result.error.issues, []);
}

function flatten(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      // Keep the branch that took the value's type (the object, not the null or the plain name).
      const taken = issue.errors.filter((branch) => branch.every((inner) => inner.path.length > 0));
      if (taken.length === 1) return flatten(taken[0], path);
    }
    return [{ path: path.map(String).join('.'), message: issue.message }];
  });
}

const isPartPath = (path: string) =>
  /^addressees\.\d+\.(name|role|postalAddress|email)$/.test(path) || (hrcParts as readonly string[]).some((part) => path === `hrc.${part}`);

/**
 * A refusal from lib/ as per-field errors for the form, or null when it names a field the form
 * does not have (then it is not the organiser's to fix here). lib/ words its messages in English,
 * so the kind of each problem is kept for the form to word, and the message as a fallback.
 */
export function toFormErrors(error: AppError, values: CampaignFormValues, input: Record<string, unknown>, lockedMessage: string): Pick<CampaignFormState, 'errors' | 'messages'> | null {
  if (!error.fields) return null;
  const errors: CampaignFormState['errors'] = {};
  const messages: CampaignFormState['messages'] = {};
  const add = (path: string, kind: CampaignFieldError, message: string | undefined) => {
    if (errors[path]) return;
    errors[path] = kind;
    if (message) messages[path] = message;
  };
  const empty = (path: string) => !valueAt(values, path).trim();
  let nested: Issue[] | undefined;

  for (const [key, keyMessages] of Object.entries(error.fields)) {
    if (!isFormField(key)) return null;
    const message = keyMessages[0];
    if (error.code === 'conflict') add(key, 'taken', message);
    else if (key === 'slug' && error.message === lockedMessage) add(key, 'locked', message);
    else if (key === 'addressees' || key === 'hrc') {
      nested ??= nestedIssues(input);
      const parts = nested.filter((issue) => issue.path.startsWith(`${key}.`) && isPartPath(issue.path));
      for (const part of parts) add(part.path, empty(part.path) ? 'required' : 'invalid', part.message);
      if (parts.length) continue;
      if (key === 'addressees' && (values.addressees?.length ?? 0) > MAX_ADDRESSEES) add(key, 'tooMany', message);
      else add(key, empty(key) ? 'required' : 'invalid', message);
    } else if (key === 'language' && isHrcLanguageRule(values)) add(key, 'hrcLanguage', message);
    else add(key, empty(key) ? 'required' : 'invalid', message);
  }
  return { errors, messages };
}

/** A supported language refused only because an HRC statement must be in English, French or Spanish. */
function isHrcLanguageRule(values: CampaignFormValues): boolean {
  const language = values.language ?? '';
  return (
    values.kind === 'hrc-statement' &&
    (campaignLanguages as readonly string[]).includes(language) &&
    !isHrcStatementLanguage(language)
  );
}

/** An expected refusal that names fields: invalid input (422) or a slug already taken (409). */
export const isFieldRefusal = (error: unknown): error is AppError =>
  error instanceof AppError && (error.code === 'validation' || error.code === 'conflict') && Boolean(error.fields);
