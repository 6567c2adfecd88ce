import { z } from 'zod';
import { DOCUMENT_FORMATS } from '@/lib/documents/export-document';
import { DELIVERY_CHANNELS } from '@/lib/deliveries/manifest';
import { signatoryFiltersSchema } from '@/lib/signatories/filters';
import { addresseeObjectSchema } from './campaign';
import { lineSchema, optionalLongTextSchema } from './text';

// Year 0 is a valid ISO date but not a PostgreSQL one; nothing here predates 1900 anyway.
const dateSchema = (label: string) =>
  z.iso.date({ error: `${label} must be a date (YYYY-MM-DD)` }).refine((date) => date >= '1900-01-01', { error: `${label} must be in 1900 or later` });

// PostgreSQL cannot store a NUL, and control characters have no place in a note either.
const noteSchema = optionalLongTextSchema(2000, 'Note');

export const createDeliverySchema = z
  .strictObject({
    addressee: z.union([lineSchema(300, 'Addressee'), addresseeObjectSchema], {
      error: 'Addressee is the name of one of the letter’s addressees, or an object with a name',
    }),
    channel: z.enum(DELIVERY_CHANNELS, { error: 'Channel must be email, post, portal or in-person' }),
    formats: z
      .array(z.enum(DOCUMENT_FORMATS, { error: 'Formats are csv, xlsx, pdf, docx or json' }), { error: 'Formats must be a list' })
      .min(1, { error: 'Choose at least one document' })
      .refine((formats) => new Set(formats).size === formats.length, { error: 'Each format once' }),
    filters: signatoryFiltersSchema.optional().transform((filters) => filters ?? signatoryFiltersSchema.parse({})),
    note: noteSchema.nullish().transform((value) => value ?? null),
    deliveredOn: dateSchema('Delivered on').optional(),
    send: z.boolean({ error: 'Send must be true or false' }).default(false),
  })
  .refine((delivery) => !delivery.send || delivery.channel === 'email', {
    path: ['send'],
    error: 'Only a delivery by email can be sent from here; for other channels, record how you delivered',
  });
export type CreateDeliveryInput = z.input<typeof createDeliverySchema>;
export type DeliveryRequest = z.output<typeof createDeliverySchema>;

export const RESPONSE_STATUSES = ['acknowledged', 'answered', 'declined'] as const;

export const recordResponseSchema = z.strictObject({
  status: z.enum(RESPONSE_STATUSES, { error: 'Status must be acknowledged, answered or declined' }),
  receivedOn: dateSchema('Received on'),
  text: optionalLongTextSchema(10_000, 'Text')
    .nullish()
    .transform((value) => value ?? null),
});
export type RecordResponseInput = z.input<typeof recordResponseSchema>;
