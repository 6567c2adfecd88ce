import { z } from 'zod';
import { emailSchema } from './email';

export const signerDataRequestSchema = z.strictObject({ email: emailSchema }, { error: 'Give the email address you signed with' });
export type SignerDataRequestInput = z.infer<typeof signerDataRequestSchema>;
