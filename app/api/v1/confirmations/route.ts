import { NextResponse } from 'next/server';
import { z } from 'zod';
import { apiRoute, readJson } from '@/lib/http/api-response';
import { clientKey } from '@/lib/rate-limit/client-address';
import { parseInput } from '@/lib/schemas/field-errors';
import { confirmSignature } from '@/lib/signatures/confirm-signature';

export const dynamic = 'force-dynamic';

const confirmBodySchema = z.strictObject({ token: z.string({ error: 'Token is required' }).max(100, { error: 'Token is not valid' }) });

/** Confirms a signature with the token from its mail (the mailed link's button does the same). */
// Any site may confirm: the mailed token is the credential, not a cookie, so a forged request has nothing to borrow.
export const POST = apiRoute(async (request: Request) => {
  const { token } = parseInput(confirmBodySchema, await readJson(request));
  const { outcome, receipt } = await confirmSignature(token, { client: clientKey(request.headers) });
  const status = outcome === 'confirmed' || outcome === 'already-confirmed' ? 200 : outcome === 'not-found' ? 404 : outcome === 'expired' ? 410 : 409;
  // The receipt is given once, to whoever confirmed; it is also mailed once, and never stored.
  return NextResponse.json(receipt ? { status: outcome, receipt } : { status: outcome }, { status });
}, 'any-site');
