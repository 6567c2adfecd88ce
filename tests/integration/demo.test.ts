import { describe, expect, it } from 'vitest';
import { listPublicDeliveries } from '@/lib/deliveries/list-deliveries';
import { seedDemo } from '@/lib/demo/seed-demo';
import { DEMO_SLUG, demoSignatures } from '@/lib/demo/demo-campaign';
import { publicCount } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

describe('the demo letter', () => {
  it('is created once, and its demo signatures count on the public page', async () => {
    expect(await seedDemo()).toBe(true);
    expect(await seedDemo()).toBe(false);
    expect(await publicCount(DEMO_SLUG)).toBe(demoSignatures.length);
  });

  it('has one delivery on its timeline, acknowledged, holding every demo signature', async () => {
    const [delivery] = await listPublicDeliveries(DEMO_SLUG);
    expect(delivery).toMatchObject({
      addressee: 'United Nations High Commissioner for Human Rights',
      channel: 'email',
      signatureCount: demoSignatures.length,
      responses: [{ status: 'acknowledged' }],
    });
    expect(delivery.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
