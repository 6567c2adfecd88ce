'use server';

import { refresh } from 'next/cache';
import { revalidateLetterPage } from '@/lib/campaigns/revalidate-letter-page';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { recordResponse } from '@/lib/deliveries/record-response';
import { AppError } from '@/lib/errors';
import { requireForm, requireText } from '@/lib/http/action-args';
import { formText } from '@/lib/http/form-data';
import { orNotFound } from '@/lib/http/or-not-found';
import { NEW_ADDRESSEE, readDeliveryForm, readResponseForm } from '@/lib/http/read-delivery-form';
import { requireSignedIn } from '../../../page-helpers';

export type DeliveryFormState =
  | { status: 'idle' }
  | { status: 'created'; count: number; manifestSha256: string }
  | { status: 'invalid'; fields: Record<string, string[]>; message: string };

export type ResponseFormState = { status: 'idle' | 'recorded' } | { status: 'invalid'; fields: Record<string, string[]>; message: string };

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
    const delivery = await orNotFound(createDelivery(caller, slug, readDeliveryForm(form), { idempotencyKey: formText(form, 'nonce') || null }));
    revalidateLetterPage(slug);
    refresh();
    return { status: 'created', count: delivery.counts.total, manifestSha256: delivery.manifestSha256 };
  } catch (error) {
    const state = invalid(error);
    // A new addressee's problems belong beside the fields the organiser typed them in.
    if (form.get('addressee') === NEW_ADDRESSEE && state.fields.addressee) {
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
  try {
    await orNotFound(recordResponse(caller, slug, deliveryId, readResponseForm(form)));
    revalidateLetterPage(slug);
    refresh();
    return { status: 'recorded' };
  } catch (error) {
    return invalid(error);
  }
}
