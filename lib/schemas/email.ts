import { z } from 'zod';
import { requiredText } from './text';

/** An email address as typed into any form or API body: trimmed, at most 254 characters. */
export const emailSchema = z
  .string({ error: requiredText('Email') })
  .trim()
  .min(1, { error: 'Email is required' })
  .max(254, { error: 'Email is too long' })
  .pipe(z.email({ error: 'Enter a valid email address' }));
