import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

export const campaignStatus = pgEnum('campaign_status', ['draft', 'published', 'closed']);
export const memberRole = pgEnum('member_role', ['owner', 'editor']);

/** A translated version of the public text, keyed by locale in campaigns.translations. */
export type CampaignTranslation = {
  title: string;
  summary?: string | null;
  letter: string;
  demands?: string[];
};

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    summary: text('summary'),
    letter: text('letter').notNull(),
    addressees: jsonb('addressees').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    demands: jsonb('demands').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    organisedBy: text('organised_by'),
    goal: integer('goal'),
    deadline: date('deadline', { mode: 'string' }),
    language: text('language').notNull().default('en'),
    translations: jsonb('translations').$type<Record<string, CampaignTranslation>>().notNull().default(sql`'{}'::jsonb`),
    status: campaignStatus('status').notNull().default('draft'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('campaigns_status_idx').on(t.status)],
);

export const campaignMembers = pgTable(
  'campaign_members',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull().default('owner'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] }), index('campaign_members_user_idx').on(t.userId)],
);
