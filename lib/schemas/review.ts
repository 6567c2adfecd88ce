import { z } from 'zod';
import { lineSchema, optionalLineSchema } from './text';

/** Spelling an organiser may correct in review; the signer's own is kept beside it. */
export const correctionsSchema = z
  .strictObject(
    {
      honorific: optionalLineSchema(40, 'Honorific'),
      givenName: lineSchema(100, 'Given name'),
      familyName: lineSchema(100, 'Family name'),
      title: optionalLineSchema(300, 'Title'),
      affiliation: optionalLineSchema(300, 'Affiliation'),
      organisationName: lineSchema(300, 'Organisation name'),
    },
    { error: 'Corrections must be an object of fields to correct' },
  )
  .partial();
export type Corrections = z.output<typeof correctionsSchema>;

export const reviewSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject'], { error: 'Decision must be approve or reject' }),
    reason: optionalLineSchema(500, 'Reason'),
    corrections: correctionsSchema.optional(),
  })
  .refine((review) => review.decision === 'approve' || Boolean(review.reason), {
    path: ['reason'],
    error: 'Give the reason for the rejection: the signer is told',
  })
  .refine((review) => review.decision === 'approve' || !review.corrections, {
    path: ['corrections'],
    error: 'Corrections go with an approval',
  });
export type ReviewInput = z.input<typeof reviewSchema>;
