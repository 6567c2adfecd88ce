import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { listApiTokens } from '@/lib/api-tokens/manage-api-tokens';
import { formatDate } from '@/lib/i18n/locales';
import { getWorkspace } from '@/lib/workspaces/get-workspace';
import { badgeClass, orNotFound, requireSignedIn } from '../../page-helpers';
import { MemberInviteForm } from './member-invite-form';
import { TokenForm } from './token-form';
import {
  cancelInvitationAction,
  changeMemberRoleAction,
  createApiTokenAction,
  inviteMemberAction,
  removeMemberAction,
  revokeApiTokenAction,
} from './workspace-actions';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.workspaces');
  return { title: t('metaTitle') };
}

/** A workspace: its members and their roles, invitations, campaigns and API tokens. Members only. */
export default async function WorkspacePage({ params, searchParams }: Props) {
  const caller = await requireSignedIn();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [workspace, tokens] = await orNotFound(Promise.all([getWorkspace(caller, id), listApiTokens(caller, id)]));
  const [t, tt, status, locale, format] = await Promise.all([
    getTranslations('organiser.workspaces'),
    getTranslations('organiser.tokens'),
    getTranslations('organiser.status'),
    getLocale(),
    getFormatter(),
  ]);
  const owner = workspace.access === 'own';
  const tokenRoles: ('editor' | 'viewer')[] = workspace.access === 'view' ? ['viewer'] : ['editor', 'viewer'];
  const refused = query.refused === 'last-owner' ? t('lastOwner') : query.refused === 'role' ? t('invalidRole') : null;

  return (
    <>
      <p>
        <Link href="/dashboard">← {t('back')}</Link>
      </p>
      <h1 dir="auto">{workspace.name}</h1>
      <p>{t(`youAre.${workspace.access}`)}</p>
      <p className="hint">
        {t('idExplain')} <code data-testid="workspace-id">{workspace.id}</code>
      </p>

      <section id="members" className="card organiser-section" aria-labelledby="members-heading">
        <h2 id="members-heading">{t('membersHeading')}</h2>
        <p className="hint">{t('rolesExplain')}</p>
        {refused ? (
          <p className="notice notice-error" role="alert">
            {refused}
          </p>
        ) : null}
        <div className="table-wrap">
          <table className="table" data-testid="members">
            <thead>
              <tr>
                <th scope="col">{t('email')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{t('since')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {workspace.members.map((member) => (
                <tr key={member.userId}>
                  <td>{member.email}</td>
                  <td>
                    {owner ? (
                      <form action={changeMemberRoleAction.bind(null, workspace.id, member.userId)} className="organiser-inline-form">
                        <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
                          {t('roleOf', { email: member.email })}
                        </label>
                        <select id={`role-${member.userId}`} name="role" defaultValue={member.role}>
                          {(['viewer', 'editor', 'owner'] as const).map((role) => (
                            <option key={role} value={role}>
                              {t(`roles.${role}`)}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button-secondary">
                          {t('changeRole')}
                        </button>
                      </form>
                    ) : (
                      t(`roles.${member.role}`)
                    )}
                  </td>
                  <td>{formatDate(member.since, locale)}</td>
                  <td>
                    {owner || member.userId === caller.userId ? (
                      <form action={removeMemberAction.bind(null, workspace.id, member.userId)}>
                        <button type="submit" className="button-secondary">
                          {member.userId === caller.userId ? t('leave') : t('remove')}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {owner ? (
        <section className="card organiser-section" aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t('inviteHeading')}</h2>
          <p className="hint">{t('inviteExplain')}</p>
          <MemberInviteForm action={inviteMemberAction.bind(null, workspace.id)} />
          {workspace.invitations.length ? (
            <ul data-testid="invitations">
              {workspace.invitations.map((invitation) => (
                <li key={invitation.id}>
                  {t('invitation', { email: invitation.email, role: invitation.role, date: formatDate(invitation.expiresAt, locale) })}{' '}
                  <form action={cancelInvitationAction.bind(null, workspace.id, invitation.id)} className="organiser-inline-form">
                    <button type="submit" className="button-secondary">
                      {t('cancelInvitation')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      <section className="card organiser-section" aria-labelledby="campaigns-heading">
        <h2 id="campaigns-heading">{t('campaignsHeading')}</h2>
        {workspace.campaigns.length === 0 && workspace.sharedWithUs.length === 0 ? <p>{t('noCampaigns')}</p> : null}
        <ul data-testid="workspace-campaigns">
          {workspace.campaigns.map((campaign) => (
            <li key={campaign.slug}>
              <Link href={`/dashboard/c/${campaign.slug}`}>{campaign.title}</Link> <span className={badgeClass(campaign.status)}>{status(campaign.status)}</span>
            </li>
          ))}
          {workspace.sharedWithUs.map((campaign) => (
            <li key={campaign.slug}>
              <Link href={`/dashboard/c/${campaign.slug}`}>{campaign.title}</Link> <span className={badgeClass(campaign.status)}>{status(campaign.status)}</span>{' '}
              <span className="badge">{t('sharedBy', { workspace: campaign.from, role: campaign.role })}</span>
            </li>
          ))}
        </ul>
      </section>

      <section id="tokens" className="card organiser-section" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{tt('heading')}</h2>
        <p className="hint">{tt('explain')}</p>
        <TokenForm action={createApiTokenAction.bind(null, workspace.id)} roles={tokenRoles} />
        {tokens.length ? (
          <div className="table-wrap">
            <table className="table" data-testid="tokens">
              <thead>
                <tr>
                  <th scope="col">{tt('name')}</th>
                  <th scope="col">{tt('role')}</th>
                  <th scope="col">{tt('prefix')}</th>
                  <th scope="col">{tt('createdBy')}</th>
                  <th scope="col">{tt('createdAt')}</th>
                  <th scope="col">{tt('lastUsed')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <td dir="auto">{token.name}</td>
                    <td>{tt(`roles.${token.role}`)}</td>
                    <td>
                      <code>{token.prefix}…</code>
                    </td>
                    <td>{token.createdBy ?? '—'}</td>
                    <td>{formatDate(token.createdAt, locale)}</td>
                    <td>{token.lastUsedAt ? format.dateTime(new Date(token.lastUsedAt), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) : tt('never')}</td>
                    <td>
                      {token.revokedAt ? (
                        <span className="badge">{tt('revoked', { date: formatDate(token.revokedAt, locale) })}</span>
                      ) : owner || token.createdBy === caller.email ? (
                        <form action={revokeApiTokenAction.bind(null, workspace.id, token.id)}>
                          <button type="submit" className="button-secondary">
                            {tt('revoke')}
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
