import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getCaller } from '@/lib/auth/get-caller';
import { findInvitation } from '@/lib/workspaces/accept-invitation';
import { acceptInvitationAction } from './actions';

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.invitation');
  return { title: t('title') };
}

/**
 * An invitation to a workspace, opened from its mail. Accepting takes a click (a POST), signed in
 * as the invited address; the page says nothing about the workspace to anyone else.
 */
export default async function InvitationPage({ params }: Props) {
  const [{ token }, t, caller] = await Promise.all([params, getTranslations('organiser.invitation'), getCaller()]);
  if (!caller) {
    return (
      <section className="narrow">
        <h1>{t('title')}</h1>
        <p>{t('signInFirst')}</p>
        <p>
          <Link href="/login" className="button">
            {t('signIn')}
          </Link>
        </p>
      </section>
    );
  }
  const state = await findInvitation(caller, token);
  return (
    <section className="narrow">
      <h1>{t('title')}</h1>
      {state.status === 'open' ? (
        <>
          <p dir="auto">{t('open', { workspace: state.workspace, role: state.role })}</p>
          <form action={acceptInvitationAction.bind(null, token)}>
            <button type="submit" className="button">
              {t('accept')}
            </button>
          </form>
        </>
      ) : (
        <p className="notice" data-testid="invitation-state">
          {t(`states.${state.status === 'wrong-account' ? 'wrongAccount' : state.status === 'not-found' ? 'notFound' : state.status}`, { email: caller.email })}
        </p>
      )}
    </section>
  );
}
