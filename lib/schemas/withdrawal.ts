import { z } from 'zod';

export const requestWithdrawalSchema = z.strictObject({
  email: z
    .string({ error: 'Email is required' })
    .trim()
    .min(1, { error: 'Email is required' })
    .max(254, { error: 'Email is too long' })
    .pipe(z.email({ error: 'Enter a valid email address' })),
});
