import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as campaignsRoute from '@/app/api/v1/campaigns/route';
import * as campaignRoute from '@/app/api/v1/campaigns/[slug]/route';
import * as deliveriesRoute from '@/app/api/v1/campaigns/[slug]/deliveries/route';
import * as responsesRoute from '@/app/api/v1/campaigns/[slug]/deliveries/[id]/responses/route';
import * as invalidationsRoute from '@/app/api/v1/campaigns/[slug]/invalidations/route';
import * as withdrawalsRoute from '@/app/api/v1/campaigns/[slug]/withdrawals/route';
import * as dataRequestsRoute from '@/app/api/v1/data-requests/route';
import { SIGNER_KINDS } from '@/db/schema/campaigns';
import type { Caller } from '@/lib/auth/caller';
import { getOrganiserCampaign } from '@/lib/campaigns/list-organiser-campaigns';
import { createDelivery } from '@/lib/deliveries/create-delivery';
import { createCampaignSchema, SLUG_PATTERN } from '@/lib/schemas/campaign';
import { createOrganiser, createPublishedCampaign, signAndConfirm } from '../../helpers/fixtures';
import {
  cleanAnswer,
  COUNTRY,
  EMAIL,
  expectNoPrototypePollution,
  expectValidSignature,
  jsonBody,
  jsonRequest,
  mixOf,
  nastyString,
  nastyValue,
  objectOf,
  PROPERTY_RUNS,
  propertyParameters,
  sometimes,
  storedSignatures,
} from '../../helpers/property';
import { session, countPayload } from './context';

// A signer of the campaign the organiser API is thrown at: no answer may name them.
const CONFIDENTIAL = { givenName: 'Zzorgconfidentialgiven', familyName: 'Zzorgconfidentialfamily', email: 'zz-org-confidential@example.org' };
const FORBIDDEN = [CONFIDENTIAL.givenName, CONFIDENTIAL.familyName, CONFIDENTIAL.email];

let owner: Caller;
let stranger: Caller;
let slug: string;
let patchSlug: string;
const created: { slug: string; by: Caller }[] = [];
const ran = { create: 0, update: 0, deliveries: 0, responses: 0, invalidations: 0, withdrawals: 0, dataRequests: 0 };
const succeeded = { create: 0, update: 0, deliveries: 0, responses: 0, invalidations: 0, withdrawals: 0, dataRequests: 0 };

// To anyone but its organisers a campaign answers exactly as one that does not exist.
const GHOST = 'no-such-letter-anywhere';

/** Mostly the owner; now and then nobody or another organiser, who must get a clean 401/404. */
const who = fc.constantFrom<'owner' | 'nobody' | 'stranger'>('owner', 'owner', 'owner', 'owner', 'owner', 'owner', 'nobody', 'stranger');
function callAs(role: 'owner' | 'nobody' | 'stranger') {
  session.caller = role === 'owner' ? owner : role === 'stranger' ? stranger : null;
}
const params = (value: string) => ({ params: Promise.resolve({ slug: value }) });
const params2 = (slug: string, id: string) => ({ params: Promise.resolve({ slug, id }) });
const runs = (share: number) => propertyParameters(Math.ceil(PROPERTY_RUNS.organiser * share));

const DATE = fc.oneof(
  fc.constantFrom('2026-11-24', '2027-01-01', '1899-12-31', '0000-01-01', '2026-02-30', '9999-12-31', '2026-1-1', 'yesterday', ''),
  fc.date({ min: new Date('1850-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
);
const LANGUAGE = fc.constantFrom('en', 'fr', 'fa', 'ar', 'es', 'xx', 'EN', '');
const addressee = fc.oneof(
  fc.constantFrom('UN High Commissioner for Human Rights', 'Ministry of Foreign Affairs'),
  objectOf({ name: sometimes(fc.constantFrom('OHCHR', 'Special Rapporteur')), role: sometimes(nastyString, 1), postalAddress: sometimes(nastyString, 1), email: sometimes(EMAIL, 2) }),
  nastyValue,
);
const hrc = objectOf({
  session: sometimes(fc.integer({ min: -1, max: 300 })),
  agendaItem: sometimes(fc.integer({ min: 0, max: 11 })),
  sessionStartsOn: sometimes(DATE),
  submitter: sometimes(objectOf({ name: sometimes(fc.constantFrom('Amnesty International')), ecosocStatus: sometimes(fc.constantFrom('general', 'special', 'roster', 'none')) })),
  contact: sometimes(objectOf({ name: sometimes(fc.constantFrom('Ana Velez')), email: sometimes(EMAIL), phone: sometimes(nastyString, 1) })),
});
const campaignFields = {
  slug: sometimes(fc.oneof(fc.uuid().map((id) => `letter-${id.slice(0, 8)}`), fc.constantFrom('api', 'new', 'a', 'UPPER-Case', 'double--hyphen', 'x'.repeat(81), 'ü-slug'))),
  title: sometimes(fc.constantFrom('Free the lawyers', 'آزادی وکلا', 'Libérez-les')),
  summary: sometimes(nastyString, 1),
  letter: sometimes(fc.oneof(fc.constantFrom('Excellency,\n\nWe write about **five journalists**.', '# Title\n\n<script>alert(1)</script>', '[x](javascript:alert(1))'), nastyString)),
  kind: sometimes(fc.constantFrom('letter', 'call', 'hrc-statement', 'petition'), 2),
  signerKinds: sometimes(fc.array(fc.constantFrom(...SIGNER_KINDS, 'robot'), { maxLength: 5 }), 2),
  hrc: sometimes(hrc, 1),
  addressees: sometimes(fc.oneof(fc.array(addressee, { maxLength: 3 }), fc.constantFrom('OHCHR')), 4),
  demands: sometimes(fc.array(nastyString, { maxLength: 3 }), 1),
  organisedBy: sometimes(nastyString, 1),
  place: sometimes(nastyString, 1),
  goal: sometimes(fc.oneof(fc.integer({ min: -10, max: 200_000_000 }), fc.constant(1.5)), 2),
  deadline: sometimes(fc.option(DATE), 1),
  language: sometimes(LANGUAGE),
  translations: sometimes(fc.dictionary(LANGUAGE, objectOf({ title: sometimes(nastyString), letter: sometimes(nastyString), summary: sometimes(nastyString, 1) }), { maxKeys: 2 }), 1),
};

const goodCampaign = fc
  .record({
    slug: fc.uuid().map((id) => `letter-${id.slice(0, 13)}`),
    title: fc.constantFrom('Free the lawyers', 'آزادی وکلا', 'Libérez-les'),
    letter: fc.constantFrom('Excellency,\n\nWe write about **five journalists**.', 'نامه'),
    kind: fc.constantFrom('letter', 'call', 'hrc-statement'),
    goal: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
    deadline: fc.option(fc.constantFrom('2027-06-30', '2030-01-01'), { nil: undefined }),
    signerKinds: fc.subarray([...SIGNER_KINDS], { minLength: 1 }),
    language: fc.constantFrom('en', 'fr', 'es'),
  })
  .map(({ goal, deadline, ...campaign }) => ({
    ...campaign,
    ...(goal ? { goal } : {}),
    ...(deadline ? { deadline } : {}),
    addressees: campaign.kind === 'hrc-statement' ? [] : ['UN High Commissioner for Human Rights'],
    ...(campaign.kind === 'hrc-statement'
      ? { hrc: { session: 61, agendaItem: 4, sessionStartsOn: '2027-02-23', submitter: { name: 'Amnesty International', ecosocStatus: 'special' }, contact: { name: 'Ana Velez', email: 'ana@example.org' } } }
      : {}),
  }));
const CAMPAIGN_KEYS = Object.keys(campaignFields);

export function describeOrganiserProperties(): void {
  describe('property: the organiser API', () => {
    beforeAll(async () => {
      owner = await createOrganiser();
      stranger = await createOrganiser();
      slug = (await createPublishedCampaign(owner, { signerKinds: [...SIGNER_KINDS] } as never)).campaign.slug;
      patchSlug = (await createPublishedCampaign(owner)).campaign.slug;
      await signAndConfirm(slug, { ...CONFIDENTIAL, visibility: 'confidential' });
      for (const country of ['FR', 'IR', 'SY']) await signAndConfirm(slug, { country, visibility: country === 'FR' ? 'public' : 'counted' });
    });

    afterAll(() => {
      const total = Object.values(ran).reduce((sum, n) => sum + n, 0);
      console.log(`[property] organiser API: ${total} payloads (${Object.entries(ran).map(([name, n]) => `${name} ${n}, ${succeeded[name as keyof typeof ran]} taken`).join('; ')}); ${created.length} campaigns created`);
    });

    it('creates campaigns from valid bodies only, and answers every other one with a clean 4xx', async () => {
      await fc.assert(
        fc.asyncProperty(jsonBody(mixOf(goodCampaign, CAMPAIGN_KEYS, objectOf(campaignFields))), who, async (body, role) => {
          ran.create++;
          countPayload();
          callAs(role);
          const answer = await cleanAnswer(await campaignsRoute.POST(jsonRequest('http://localhost/api/v1/campaigns', body), undefined), FORBIDDEN);
          if (answer.status < 300) succeeded.create++;
          if (role === 'nobody') expect(answer.status).toBe(401);
          if (answer.status === 201) {
            const campaign = JSON.parse(answer.text).campaign;
            created.push({ slug: campaign.slug, by: session.caller! });
            expect(createCampaignSchema.safeParse(JSON.parse(body)).success).toBe(true);
          } else expect(answer.status).toBeGreaterThanOrEqual(400);
        }),
        runs(0.25),
      );
      // Every campaign the API made reads back, with the slug, title and language it was given.
      for (const made of created) {
        const campaign = await getOrganiserCampaign(made.by, made.slug);
        expect(campaign.slug).toMatch(SLUG_PATTERN);
        expect(campaign.title.trim()).not.toBe('');
      }
      expectNoPrototypePollution();
    }, 120_000);

    it('edits a campaign with valid changes only', async () => {
      const fields = { ...campaignFields, status: sometimes(fc.constantFrom('published', 'closed', 'draft', 'deleted'), 2) };
      const goodEdit = fc.oneof(
        fc.record({ status: fc.constantFrom('published', 'closed', 'published') }),
        fc.record({ goal: fc.integer({ min: 1, max: 1000 }) }),
        fc.record({ title: fc.constantFrom('Free them now', 'آزادی') }, { requiredKeys: [] }),
        fc.record({ deadline: fc.constantFrom('2027-06-30', null), summary: fc.constantFrom('Short', null) }, { requiredKeys: [] }),
      );
      const body = mixOf(goodEdit, Object.keys(fields), objectOf(fields));
      await fc.assert(
        fc.asyncProperty(jsonBody(body), who, async (text, role) => {
          ran.update++;
          countPayload();
          callAs(role);
          const send = (to: string) => campaignRoute.PATCH(jsonRequest(`http://localhost/api/v1/campaigns/${to}`, text, {}, 'PATCH'), params(to));
          const answer = await cleanAnswer(await send(patchSlug), FORBIDDEN);
          if (answer.status < 300) succeeded.update++;
          if (role !== 'owner') expect(answer).toEqual(await cleanAnswer(await send(GHOST)));
          // A valid edit may rename the campaign; the next edits follow it.
          if (answer.status === 200) patchSlug = JSON.parse(answer.text).campaign.slug;
        }),
        runs(0.15),
      );
      const campaign = await getOrganiserCampaign(owner, patchSlug);
      expect(campaign.slug).toMatch(SLUG_PATTERN);
    }, 120_000);

    it('records deliveries from valid bodies only', async () => {
      const filters = objectOf({
        kind: sometimes(fc.constantFrom(...SIGNER_KINDS, 'robot'), 2),
        country: sometimes(COUNTRY, 2),
        reviewed: sometimes(fc.constantFrom('only', 'all', 'none'), 2),
        source: sometimes(fc.constantFrom('online', 'paper', 'all', 'fax'), 2),
        from: sometimes(DATE, 1),
        to: sometimes(DATE, 1),
      });
      const goodDelivery = fc.record({
        addressee: fc.constant('UN High Commissioner for Human Rights'),
        channel: fc.constantFrom('post', 'portal', 'in-person', 'email'),
        formats: fc.subarray(['csv', 'json', 'xlsx'] as string[], { minLength: 1 }),
        filters: fc.constantFrom({}, { country: 'FR' }, { reviewed: 'all', source: 'online' }),
        note: fc.constantFrom('Handed over at the Palais', null),
      });
      const loose = objectOf({
        addressee: sometimes(fc.oneof(fc.constant('UN High Commissioner for Human Rights'), addressee)),
        channel: sometimes(fc.constantFrom('email', 'post', 'portal', 'in-person', 'pigeon')),
        formats: sometimes(fc.array(fc.constantFrom('csv', 'json', 'csv', 'exe'), { maxLength: 3 })),
        filters: sometimes(filters, 2),
        note: sometimes(nastyString, 1),
        deliveredOn: sometimes(DATE, 2),
        send: sometimes(fc.boolean(), 1),
      });
      const body = mixOf(goodDelivery, ['addressee', 'channel', 'formats', 'filters', 'note', 'deliveredOn', 'send'], loose);
      const key = fc.option(fc.oneof(fc.uuid(), fc.constantFrom('short', 'x'.repeat(201), 'key with spaces', 'cl\u00e9-\u00ff\u00ff-key')), { freq: 3 });
      await fc.assert(
        fc.asyncProperty(jsonBody(body), who, key, async (text, role, idempotencyKey) => {
          ran.deliveries++;
          countPayload();
          callAs(role);
          const headers: Record<string, string> = idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey };
          const send = (to: string) => deliveriesRoute.POST(jsonRequest(`http://localhost/api/v1/campaigns/${to}/deliveries`, text, headers), params(to));
          const answer = await cleanAnswer(await send(slug), FORBIDDEN);
          if (answer.status < 300) succeeded.deliveries++;
          if (role !== 'owner') expect(answer).toEqual(await cleanAnswer(await send(GHOST)));
        }),
        runs(0.15),
      );
    }, 120_000);

    it('records the addressee’s responses from valid bodies only', async () => {
      const delivery = await createDelivery(owner, slug, { addressee: 'UN High Commissioner for Human Rights', channel: 'post', formats: ['csv'] });
      const ids = fc.constantFrom(delivery.id, delivery.id, delivery.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', '');
      const goodResponse = fc.record({ status: fc.constantFrom('acknowledged', 'answered', 'declined'), receivedOn: fc.constantFrom('2026-11-24'), text: fc.constantFrom('Thank you for your letter.', null) });
      const loose = objectOf({ status: sometimes(fc.constantFrom('acknowledged', 'answered', 'ignored')), receivedOn: sometimes(DATE), text: sometimes(nastyString, 2) });
      const body = mixOf(goodResponse, ['status', 'receivedOn', 'text'], loose);
      await fc.assert(
        fc.asyncProperty(jsonBody(body), who, ids, async (text, role, id) => {
          ran.responses++;
          countPayload();
          callAs(role);
          const send = (to: string) => responsesRoute.POST(jsonRequest(`http://localhost/api/v1/campaigns/${to}/deliveries/${id}/responses`, text), params2(to, id));
          const answer = await cleanAnswer(await send(slug), FORBIDDEN);
          if (answer.status < 300) succeeded.responses++;
          if (role !== 'owner') expect(answer).toEqual(await cleanAnswer(await send(GHOST)));
        }),
        runs(0.05),
      );
    }, 120_000);

    it('invalidates by valid filters only', async () => {
      const INSTANT = fc.oneof(fc.constantFrom('2026-11-24T00:00:00Z', '2026-11-24T00:00:00+01:00', '2026-11-24', 'now', '1e10'), fc.date({ noInvalidDate: true }).map((date) => date.toISOString()));
      const filter = objectOf({
        clientHash: sometimes(fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), fc.constantFrom('ABC', "' or 1=1 --")), 2),
        emailDomain: sometimes(fc.constantFrom('example.org', 'EXAMPLE.ORG', 'gmail.com', 'a', '%', '_'), 2),
        country: sometimes(COUNTRY, 2),
        from: sometimes(INSTANT, 1),
        to: sometimes(INSTANT, 1),
      });
      // Mostly dry runs, so the campaign keeps signatures for the rest of the run to find.
      const goodInvalidation = fc.record({ filter: fc.constantFrom({ country: 'SY' }, { emailDomain: 'example.net' }, { from: '2030-01-01T00:00:00Z' }), reason: fc.constantFrom('Fraud wave', null), dryRun: fc.constantFrom(true, true, false) });
      const loose = objectOf({ filter: sometimes(filter), reason: sometimes(nastyString, 1), dryRun: sometimes(fc.constantFrom(true, true, true, true, false, 'yes'), 6) });
      const body = mixOf(goodInvalidation, ['filter', 'reason', 'dryRun'], loose);
      await fc.assert(
        fc.asyncProperty(jsonBody(body), who, async (text, role) => {
          ran.invalidations++;
          countPayload();
          callAs(role);
          const send = (to: string) => invalidationsRoute.POST(jsonRequest(`http://localhost/api/v1/campaigns/${to}/invalidations`, text), params(to));
          const answer = await cleanAnswer(await send(slug), FORBIDDEN);
          if (answer.status < 300) succeeded.invalidations++;
          if (role !== 'owner') expect(answer).toEqual(await cleanAnswer(await send(GHOST)));
        }),
        runs(0.2),
      );
    }, 120_000);

    it('asks for withdrawal links and for a signer’s data with the same 202 whoever asks, and a clean 4xx for anything else', async () => {
      const body = fc.oneof(objectOf({ email: sometimes(fc.oneof(EMAIL, fc.constant(CONFIDENTIAL.email))) }), nastyValue);
      session.caller = null;
      await fc.assert(
        fc.asyncProperty(jsonBody(body), async (text) => {
          ran.withdrawals++;
          countPayload();
          const answer = await cleanAnswer(await withdrawalsRoute.POST(jsonRequest(`http://localhost/api/v1/campaigns/${slug}/withdrawals`, text), params(slug)), FORBIDDEN);
          if (answer.status < 300) succeeded.withdrawals++;
          expect([202, 400, 415, 422]).toContain(answer.status);
        }),
        runs(0.1),
      );
      await fc.assert(
        fc.asyncProperty(jsonBody(body), async (text) => {
          ran.dataRequests++;
          countPayload();
          const answer = await cleanAnswer(await dataRequestsRoute.POST(jsonRequest('http://localhost/api/v1/data-requests', text), undefined), FORBIDDEN);
          if (answer.status < 300) succeeded.dataRequests++;
          expect([202, 400, 415, 422]).toContain(answer.status);
        }),
        runs(0.1),
      );
    }, 120_000);

    it('leaves only valid signatures behind, and ran its share of the payloads', async () => {
      for (const item of await storedSignatures(owner, slug)) expectValidSignature(item);
      const total = Object.values(ran).reduce((sum, n) => sum + n, 0);
      expect(total).toBeGreaterThanOrEqual(PROPERTY_RUNS.organiser);
      expectNoPrototypePollution();
    });
  });
}
