import { z } from 'zod';
import { emailSchema } from './email';

export const requestWithdrawalSchema = z.strictObject({ email: emailSchema });
