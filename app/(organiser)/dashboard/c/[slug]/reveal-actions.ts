'use server';

import { requireText } from '@/lib/http/action-args';
import { orNotFound } from '@/lib/http/or-not-found';
import { revealSignerEmail } from '@/lib/signatures/reveal-signer-email';
import { requireSignedIn } from '../../page-helpers';

export type RevealState = { shown: false } | { shown: true; email: string | null };

/** Shows one signer's address to an editor or owner who asked; the reveal is recorded. */
export async function revealEmailAction(slug: string, id: string, _previous: RevealState): Promise<RevealState> {
  requireText(slug);
  requireText(id);
  const caller = await requireSignedIn();
  const { email } = await orNotFound(revealSignerEmail(caller, slug, id));
  return { shown: true, email };
}
