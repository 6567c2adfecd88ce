import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';
import { getDb, MIGRATIONS_FOLDER } from '@/db/client';
import { apiTokens, emailReveals, workspaceInvitations, workspaceMembers } from '@/db/schema';
import { authenticateApiToken } from '@/lib/api-tokens/authenticate-api-token';
import { createApiToken, listApiTokens, revokeApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { isOrganiserEmail } from '@/lib/auth/is-organiser-email';
import type { Caller } from '@/lib/auth/caller';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { getOrganiserCampaign, listOrganiserCampaigns } from '@/lib/campaigns/list-organiser-campaigns';
import { shareCampaign, unshareCampaign } from '@/lib/campaigns/share-campaign';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { exportDocument } from '@/lib/documents/export-document';
import { listSignatures } from '@/lib/signatures/list-signatures';
import { revealSignerEmail } from '@/lib/signatures/reveal-signer-email';
import { acceptInvitation, findInvitation } from '@/lib/workspaces/accept-invitation';
import { changeMemberRole, removeMember } from '@/lib/workspaces/change-member-role';
import { createWorkspace } from '@/lib/workspaces/create-workspace';
import { getWorkspace } from '@/lib/workspaces/get-workspace';
import { inviteMember } from '@/lib/workspaces/invite-member';
import { campaignInput, createOrganiser, createPublishedCampaign, mailsTo, signAndConfirm, unique } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

const NOT_FOUND = { code: 'not_found' };

async function addMember(workspaceId: string, role: 'owner' | 'editor' | 'viewer'): Promise<Caller> {
  const member = await createOrganiser();
  await (await getDb()).insert(workspaceMembers).values({ workspaceId, userId: member.userId, role });
  return member;
}

/** A published letter in a workspace with an owner, an editor and a viewer. */
async function team() {
  const { caller: owner, campaign } = await createPublishedCampaign();
  const workspaceId = campaign.workspaceId;
  return { owner, campaign, workspaceId, editor: await addMember(workspaceId, 'editor'), viewer: await addMember(workspaceId, 'viewer') };
}

describe('migrating an existing install', () => {
  it('gives each campaign a workspace made from its team, with the same roles', async () => {
    // The migrations up to the one before workspaces, then a campaign with a team, then the rest.
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const index = journal.entries.findIndex((entry) => entry.tag.endsWith('_workspaces'));
    const before = mkdtempSync(path.join(tmpdir(), 'undersigned-migrations-'));
    cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
    writeFileSync(path.join(before, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }));
    const client = new PGlite();
    try {
      const db = drizzle(client);
      await migrate(db, { migrationsFolder: before });
      await db.execute(sql`insert into users (id, email) values ('u-owner', 'owner@ngo.test'), ('u-editor', 'editor@ngo.test'), ('u-other', 'other@ngo.test')`);
      await db.execute(sql`insert into campaigns (id, slug, title, letter, organised_by, created_by)
        values ('00000000-0000-4000-8000-000000000001', 'old-letter', 'Old letter', 'Text', 'Amani Trust', 'u-owner'),
               ('00000000-0000-4000-8000-000000000002', 'lone-letter', 'Lone letter', 'Text', null, 'u-other')`);
      await db.execute(sql`insert into campaign_members (campaign_id, user_id, role) values
        ('00000000-0000-4000-8000-000000000001', 'u-owner', 'owner'),
        ('00000000-0000-4000-8000-000000000001', 'u-editor', 'editor'),
        ('00000000-0000-4000-8000-000000000002', 'u-other', 'owner')`);
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      const rows = (await db.execute(sql`select c.slug, w.name, m.user_id, m.role from campaigns c
        join workspaces w on w.id = c.workspace_id join workspace_members m on m.workspace_id = w.id order by c.slug, m.user_id`)).rows;
      expect(rows).toEqual([
        { slug: 'lone-letter', name: 'Lone letter', user_id: 'u-other', role: 'owner' },
        { slug: 'old-letter', name: 'Amani Trust', user_id: 'u-editor', role: 'editor' },
        { slug: 'old-letter', name: 'Amani Trust', user_id: 'u-owner', role: 'owner' },
      ]);
    } finally {
      await client.close();
      rmSync(before, { recursive: true, force: true });
    }
  });
});

describe('campaigns in workspaces', () => {
  it('creates a first workspace for an organiser with none, then uses it; with two, asks which', async () => {
    const organiser = await createOrganiser();
    const first = await createCampaign(organiser, campaignInput());
    const second = await createCampaign(organiser, campaignInput());
    expect(second.workspaceId).toBe(first.workspaceId);
    const other = await createWorkspace(organiser, { name: 'Second NGO' });
    await expect(createCampaign(organiser, campaignInput())).rejects.toMatchObject({ code: 'validation', fields: { workspaceId: [expect.any(String)] } });
    expect((await createCampaign(organiser, campaignInput({ workspaceId: other.id }))).workspaceId).toBe(other.id);
    // Someone else's workspace is refused like one that does not exist.
    const stranger = await createOrganiser();
    await expect(createCampaign(stranger, campaignInput({ workspaceId: other.id }))).rejects.toMatchObject({ code: 'validation' });
  });

  it('lets viewers read, editors edit, and only owners publish and close', async () => {
    const { owner, campaign, editor, viewer } = await team();
    const signer = await signAndConfirm(campaign.slug);
    expect((await getOrganiserCampaign(viewer, campaign.slug)).access).toBe('view');
    expect((await listSignatures(viewer, campaign.slug, {})).total).toBe(1);
    await expect(updateCampaign(viewer, campaign.slug, { summary: 'x' })).rejects.toMatchObject(NOT_FOUND);
    await expect(exportDocument(viewer, campaign.slug, 'csv', {})).rejects.toMatchObject(NOT_FOUND);
    expect((await updateCampaign(editor, campaign.slug, { summary: 'Edited by the editor' })).summary).toBe('Edited by the editor');
    await expect(updateCampaign(editor, campaign.slug, { status: 'closed' })).rejects.toMatchObject(NOT_FOUND);
    expect((await updateCampaign(owner, campaign.slug, { status: 'closed' })).status).toBe('closed');
    // No list says who signed with which address.
    expect(JSON.stringify(await listSignatures(owner, campaign.slug, {}))).not.toContain(signer.input.email);
  });
});

describe('members and invitations', () => {
  it('invites by email; only the invited address, signed in, joins with the invited role, once', async () => {
    const { owner, workspaceId } = await team();
    const address = `${unique('colleague')}@example.org`;
    expect(await isOrganiserEmail(address)).toBe(false);
    expect(await inviteMember(owner, workspaceId, { email: address.toUpperCase(), role: 'editor' }, { locale: 'en' })).toEqual({ email: address, status: 'invited' });
    // The open invitation lets the address sign in to accept it.
    expect(await isOrganiserEmail(address)).toBe(true);
    const [mail] = (await mailsTo(address)).filter((m) => m.kind === 'workspace-invite');
    const token = /\/dashboard\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')![1];
    const db = await getDb();
    const [stored] = await db.select().from(workspaceInvitations).where(eq(workspaceInvitations.email, address));
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);

    const intruder = await createOrganiser();
    expect(await acceptInvitation(intruder, token)).toEqual({ status: 'wrong-account' });
    const invitee = { ...(await createOrganiser()), email: address };
    await db.execute(sql`update users set email = ${address} where id = ${invitee.userId}`);
    expect(await findInvitation(invitee, token)).toMatchObject({ status: 'open', role: 'editor' });
    expect(await acceptInvitation(invitee, token)).toEqual({ status: 'accepted', workspaceId });
    expect(await acceptInvitation(invitee, token)).toEqual({ status: 'used' });
    expect((await getWorkspace(owner, workspaceId)).members).toContainEqual(expect.objectContaining({ userId: invitee.userId, role: 'editor' }));
    expect(await isOrganiserEmail(address)).toBe(true);
    expect(await inviteMember(owner, workspaceId, { email: address, role: 'viewer' }, { locale: 'en' })).toEqual({ email: address, status: 'already-member' });
  });

  it('refuses an expired invitation and lets only owners invite', async () => {
    const { owner, editor, workspaceId } = await team();
    await expect(inviteMember(editor, workspaceId, { email: 'x@example.org', role: 'viewer' }, { locale: 'en' })).rejects.toMatchObject(NOT_FOUND);
    const address = `${unique('late')}@example.org`;
    await inviteMember(owner, workspaceId, { email: address, role: 'viewer' }, { locale: 'en' });
    const token = /\/dashboard\/invitations\/([A-Za-z0-9_-]{43})/.exec((await mailsTo(address))[0].text ?? '')![1];
    await (await getDb()).update(workspaceInvitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(workspaceInvitations.email, address));
    const invitee = { ...(await createOrganiser()), email: address };
    expect(await acceptInvitation(invitee, token)).toEqual({ status: 'expired' });
    expect(await isOrganiserEmail(address)).toBe(false);
  });

  it('keeps at least one owner, whatever the order of demotions and removals', async () => {
    const { owner, editor, workspaceId } = await team();
    await expect(changeMemberRole(owner, workspaceId, { userId: owner.userId, role: 'editor' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(removeMember(owner, workspaceId, owner.userId)).rejects.toMatchObject({ code: 'conflict' });
    await expect(changeMemberRole(editor, workspaceId, { userId: editor.userId, role: 'owner' })).rejects.toMatchObject(NOT_FOUND);
    await changeMemberRole(owner, workspaceId, { userId: editor.userId, role: 'owner' });
    // Two owners demoting each other at the same moment: one wins, one owner stays.
    const results = await Promise.allSettled([
      changeMemberRole(owner, workspaceId, { userId: editor.userId, role: 'viewer' }),
      changeMemberRole(editor, workspaceId, { userId: owner.userId, role: 'viewer' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admin = await createOrganiser({ admin: true });
    const owners = (await getWorkspace(admin, workspaceId)).members.filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
  });
});

describe('coalition sharing', () => {
  it('gives a partner workspace the chosen role, capped by each partner member’s own, until it stops', async () => {
    const { owner, editor, campaign } = await team();
    const partnerOwner = await createOrganiser();
    const partner = await createWorkspace(partnerOwner, { name: 'Partner NGO' });
    const partnerViewer = await addMember(partner.id, 'viewer');
    await expect(getOrganiserCampaign(partnerOwner, campaign.slug)).rejects.toMatchObject(NOT_FOUND);
    await expect(shareCampaign(editor, campaign.slug, { workspaceId: partner.id, role: 'editor' })).rejects.toMatchObject(NOT_FOUND);

    await shareCampaign(owner, campaign.slug, { workspaceId: partner.id, role: 'viewer' });
    expect((await getOrganiserCampaign(partnerOwner, campaign.slug)).access).toBe('view');
    expect((await listOrganiserCampaigns(partnerOwner)).find((c) => c.slug === campaign.slug)).toMatchObject({ shared: true, access: 'view' });
    await expect(updateCampaign(partnerOwner, campaign.slug, { summary: 'x' })).rejects.toMatchObject(NOT_FOUND);

    await shareCampaign(owner, campaign.slug, { workspaceId: partner.id, role: 'editor' });
    expect((await getOrganiserCampaign(partnerOwner, campaign.slug)).access).toBe('edit');
    expect((await getOrganiserCampaign(partnerViewer, campaign.slug)).access).toBe('view');
    // A partner never owns: publishing, closing and sharing stay with the campaign's workspace.
    await expect(updateCampaign(partnerOwner, campaign.slug, { status: 'closed' })).rejects.toMatchObject(NOT_FOUND);
    expect((await getWorkspace(partnerOwner, partner.id)).sharedWithUs.map((c) => c.slug)).toEqual([campaign.slug]);

    await unshareCampaign(owner, campaign.slug, partner.id);
    await expect(getOrganiserCampaign(partnerOwner, campaign.slug)).rejects.toMatchObject(NOT_FOUND);
    expect((await listOrganiserCampaigns(partnerOwner)).map((c) => c.slug)).not.toContain(campaign.slug);
  });

  it('refuses an unknown workspace ID with a field error that says nothing more', async () => {
    const { owner, campaign, workspaceId } = await team();
    for (const id of ['not-an-id', '00000000-0000-4000-8000-00000000dead', workspaceId]) {
      await expect(shareCampaign(owner, campaign.slug, { workspaceId: id, role: 'viewer' })).rejects.toMatchObject({ code: 'validation', fields: { workspaceId: [expect.any(String)] } });
    }
  });
});

describe('API tokens', () => {
  it('are shown once, stored as a hash, record their last use at most once a minute, and stop when revoked', async () => {
    const { owner, workspaceId } = await team();
    const { token, summary } = await createApiToken(owner, workspaceId, { name: 'CRM sync', role: 'editor' });
    expect(token).toMatch(/^usg_[A-Za-z0-9_-]{43}$/);
    expect(summary).toMatchObject({ name: 'CRM sync', role: 'editor', lastUsedAt: null, revokedAt: null });
    const db = await getDb();
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, summary.id));
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(JSON.stringify(await listApiTokens(owner, workspaceId))).not.toContain(token.slice(4));

    expect(await authenticateApiToken(token)).toMatchObject({ userId: owner.userId, isAdmin: false, token: { workspaceId, role: 'editor' } });
    const [{ lastUsedAt: first }] = await db.select().from(apiTokens).where(eq(apiTokens.id, summary.id));
    expect(first).not.toBeNull();
    await authenticateApiToken(token);
    const [{ lastUsedAt: again }] = await db.select().from(apiTokens).where(eq(apiTokens.id, summary.id));
    expect(again).toEqual(first);
    await db.update(apiTokens).set({ lastUsedAt: new Date(Date.now() - 61_000) }).where(eq(apiTokens.id, summary.id));
    await authenticateApiToken(token);
    const [{ lastUsedAt: later }] = await db.select().from(apiTokens).where(eq(apiTokens.id, summary.id));
    expect(later!.getTime()).toBeGreaterThan(Date.now() - 30_000);

    await revokeApiToken(owner, workspaceId, summary.id);
    expect(await authenticateApiToken(token)).toBeNull();
    expect((await listApiTokens(owner, workspaceId))[0].revokedAt).not.toBeNull();
  });

  it('never do more than the member who made them, and go when the member’s role does', async () => {
    const { owner, editor, viewer, workspaceId } = await team();
    await expect(createApiToken(viewer, workspaceId, { name: 'x', role: 'editor' })).rejects.toMatchObject(NOT_FOUND);
    const viewerToken = await createApiToken(viewer, workspaceId, { name: 'read', role: 'viewer' });
    const editorToken = await createApiToken(editor, workspaceId, { name: 'write', role: 'editor' });
    // Someone else's token is the owner's to revoke, not another member's.
    await expect(revokeApiToken(viewer, workspaceId, editorToken.summary.id)).rejects.toMatchObject(NOT_FOUND);
    await changeMemberRole(owner, workspaceId, { userId: editor.userId, role: 'viewer' });
    expect(await authenticateApiToken(editorToken.token)).toBeNull();
    expect(await authenticateApiToken(viewerToken.token)).not.toBeNull();
    await removeMember(owner, workspaceId, viewer.userId);
    expect(await authenticateApiToken(viewerToken.token)).toBeNull();
  });
});

describe('signers’ email addresses', () => {
  it('are shown one at a time to editors and owners, each reveal recorded; never to viewers or tokens', async () => {
    const { owner, editor, viewer, campaign, workspaceId } = await team();
    const signer = await signAndConfirm(campaign.slug);
    expect(await revealSignerEmail(editor, campaign.slug, signer.id)).toEqual({ email: signer.input.email });
    expect(await revealSignerEmail(owner, campaign.slug, signer.id)).toEqual({ email: signer.input.email });
    await expect(revealSignerEmail(viewer, campaign.slug, signer.id)).rejects.toMatchObject(NOT_FOUND);
    const tokenCaller = await authenticateApiToken((await createApiToken(owner, workspaceId, { name: 'x', role: 'editor' })).token);
    await expect(revealSignerEmail(tokenCaller, campaign.slug, signer.id)).rejects.toMatchObject(NOT_FOUND);
    const other = await createPublishedCampaign(owner);
    await expect(revealSignerEmail(owner, other.campaign.slug, signer.id)).rejects.toMatchObject(NOT_FOUND);

    const db = await getDb();
    const reveals = await db.select().from(emailReveals).where(eq(emailReveals.signatureId, signer.id));
    expect(reveals.map((r) => r.userId).sort()).toEqual([editor.userId, owner.userId].sort());
  });
});
