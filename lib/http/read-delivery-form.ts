import { filtersFromSearchParams, SIGNATORY_FILTERS } from '@/lib/signatories/filters';
import { formText } from './form-data';

/** The addressee select's value for "someone else": the new addressee's own fields are then read. */
export const NEW_ADDRESSEE = '__new__';

/** The dashboard's delivery form as posted (with or without JavaScript), in the API's shape. */
export function readDeliveryForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => formText(form, name) ?? '';
  const addressee =
    text('addressee') === NEW_ADDRESSEE
      ? { name: text('newName'), role: text('newRole') || null, email: text('newEmail') || null, postalAddress: text('newPostal') || null }
      : text('addressee');
  return {
    addressee,
    channel: text('channel'),
    formats: form.getAll('formats').filter((value): value is string => typeof value === 'string'),
    filters: filtersFromSearchParams(new URLSearchParams(SIGNATORY_FILTERS.map((key) => [key, text(key)]))),
    note: text('note') || null,
    ...(text('deliveredOn') ? { deliveredOn: text('deliveredOn') } : {}),
    send: form.get('send') === 'on',
  };
}

/** The response form of one delivery, in the API's shape. */
export function readResponseForm(form: FormData): Record<string, unknown> {
  return { status: formText(form, 'status') ?? '', receivedOn: formText(form, 'receivedOn') ?? '', text: formText(form, 'text') || null };
}
