import { describe, expect, it } from 'vitest';
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
});
