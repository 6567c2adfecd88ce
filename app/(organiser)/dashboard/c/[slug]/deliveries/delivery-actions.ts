'use server';

import { refresh } from 'next/cache';
import { revalidateLetterPage } from '@/lib/campaigns/revalidate-letter-page';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { recordResponse } from '@/lib/deliveries/record-response';
import { AppError } from '@/lib/errors';
import { requireForm, requireText } from '@/lib/http/action-args';
import { orNotFound } from '@/lib/http/or-not-found';
import { filtersFromSearchParams, SIGNATORY_FILTERS } from '@/lib/signatories/filters';
import { requireSignedIn } from '../../../page-helpers';

export type DeliveryFormState =
  | { status: 'idle' }
  | { status: 'created'; count: number; manifestSha256: string }
  | { status: 'invalid'; fields: Record<string, string[]>; message: string };

export type ResponseFormState = { status: 'idle' | 'recorded' } | { status: 'invalid'; fields: Record<string, string[]>; message: string };

const NEW = '__new__';

/** The delivery form as posted (with or without JavaScript), in the API's shape. */
function readDeliveryForm(form: FormData) {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const chosen = text('addressee');
  const addressee =
    chosen === NEW
      ? { name: text('newName'), role: text('newRole') || null, email: text('newEmail') || null, postalAddress: text('newPostal') || null }
      : chosen;
  const filters = filtersFromSearchParams(new URLSearchParams(SIGNATORY_FILTERS.map((key) => [key, text(key)])));
  return {
    addressee,
    channel: text('channel'),
    formats: form.getAll('formats').filter((value): value is string => typeof value === 'string'),
    filters,
    note: text('note') || null,
    ...(text('deliveredOn') ? { deliveredOn: text('deliveredOn') } : {}),
    send: form.get('send') === 'on',
  };
}

function invalid(error: unknown) {
  if (error instanceof AppError && ['validation', 'conflict', 'payload_too_large'].includes(error.code)) {
    return { status: 'invalid' as const, fields: error.fields ?? {}, message: error.message };
  }
  throw error;
}

/** Builds the packet and records the delivery. Works without JavaScript. */
export async function deliverAction(slug: string, _previous: DeliveryFormState, form: FormData): Promise<DeliveryFormState> {
  requireText(slug);
  requireForm(form);
  const caller = await requireSignedIn();
  try {
    // The form's nonce: a double click, or the same form posted twice without JavaScript, records one delivery.
    const nonce = form.get('nonce');
    const delivery = await orNotFound(createDelivery(caller, slug, readDeliveryForm(form), { idempotencyKey: typeof nonce === 'string' && nonce ? nonce : null }));
    revalidateLetterPage(slug);
    refresh();
    return { status: 'created', count: delivery.counts.total, manifestSha256: delivery.manifestSha256 };
  } catch (error) {
    const state = invalid(error);
    // A new addressee's problems belong beside the fields the organiser typed them in.
    if (form.get('addressee') === NEW && state.fields.addressee) {
      const { addressee, ...rest } = state.fields;
      return { ...state, fields: { ...rest, newAddressee: addressee } };
    }
    return state;
  }
}

/** Records the addressee's response to one delivery. Works without JavaScript. */
export async function responseAction(slug: string, deliveryId: string, _previous: ResponseFormState, form: FormData): Promise<ResponseFormState> {
  requireText(slug);
  requireText(deliveryId);
  requireForm(form);
  const caller = await requireSignedIn();
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  try {
    await orNotFound(recordResponse(caller, slug, deliveryId, { status: text('status'), receivedOn: text('receivedOn'), text: text('text') || null }));
    revalidateLetterPage(slug);
    refresh();
    return { status: 'recorded' };
  } catch (error) {
    return invalid(error);
  }
}
