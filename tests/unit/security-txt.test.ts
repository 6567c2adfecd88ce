import { afterEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/.well-known/security.txt/route';
import { parseEnv, resetEnv } from '@/lib/env';

afterEach(() => {
  delete process.env.SECURITY_CONTACT;
  resetEnv();
});

describe('/.well-known/security.txt', () => {
  it('names the instance’s security contact, with an expiry, as RFC 9116 asks', async () => {
    process.env.SECURITY_CONTACT = 'mailto:security@ngo.example';
    resetEnv();
    const response = GET();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^Contact: mailto:security@ngo\.example$/m);
    expect(new Date(text.match(/^Expires: (.+)$/m)![1]).getTime()).toBeGreaterThan(Date.now());
  });

  it('is a 404 when no contact is configured, and a contact that is no address is refused at start', () => {
    resetEnv();
    expect(GET().status).toBe(404);
    expect(() => parseEnv({ ...process.env, SECURITY_CONTACT: 'call us' })).toThrow(/SECURITY_CONTACT/);
  });
});
