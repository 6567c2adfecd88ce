import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captchaWidget, verifyCaptcha } from '@/lib/captcha/verify-captcha';
import { resetEnv } from '@/lib/env';

// A stand-in for the provider's siteverify endpoint: "good" is a genuine answer.
let server: Server;
let url: string;
const seen: URLSearchParams[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      seen.push(form);
      if (form.get('response') === 'hang') return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: form.get('secret') === 'secret-key' && form.get('response') === 'good' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
afterEach(() => {
  for (const key of ['CAPTCHA_PROVIDER', 'CAPTCHA_SITE_KEY', 'CAPTCHA_SECRET_KEY', 'CAPTCHA_VERIFY_URL']) delete process.env[key];
  resetEnv();
});

function configure(provider: 'turnstile' | 'hcaptcha') {
  Object.assign(process.env, { CAPTCHA_PROVIDER: provider, CAPTCHA_SITE_KEY: 'site-key', CAPTCHA_SECRET_KEY: 'secret-key', CAPTCHA_VERIFY_URL: url });
  resetEnv();
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe('the optional CAPTCHA', () => {
  it('is off unless configured: no widget, every form passes', async () => {
    expect(captchaWidget()).toBeNull();
    expect(await verifyCaptcha(form({}))).toBe(true);
  });

  it('with Turnstile, passes a genuine answer and refuses a wrong or missing one', async () => {
    configure('turnstile');
    expect(captchaWidget()).toMatchObject({ siteKey: 'site-key', field: 'cf-turnstile-response', widgetClass: 'cf-turnstile' });
    expect(await verifyCaptcha(form({ 'cf-turnstile-response': 'good' }))).toBe(true);
    expect(await verifyCaptcha(form({ 'cf-turnstile-response': 'bad' }))).toBe(false);
    expect(await verifyCaptcha(form({}))).toBe(false);
    expect(seen.at(-1)?.get('secret')).toBe('secret-key');
  });

  it('with hCaptcha, reads its own field', async () => {
    configure('hcaptcha');
    expect(await verifyCaptcha(form({ 'h-captcha-response': 'good' }))).toBe(true);
    expect(await verifyCaptcha(form({ 'cf-turnstile-response': 'good' }))).toBe(false);
  });

  it('counts a provider that does not answer as a failed check, within its timeout', async () => {
    configure('turnstile');
    const started = Date.now();
    expect(await verifyCaptcha(form({ 'cf-turnstile-response': 'hang' }))).toBe(false);
    expect(Date.now() - started).toBeLessThan(7_000);
  }, 10_000);

  it('refuses to start with a provider but no keys', () => {
    process.env.CAPTCHA_PROVIDER = 'turnstile';
    resetEnv();
    expect(() => captchaWidget()).toThrow(/CAPTCHA_PROVIDER needs CAPTCHA_SITE_KEY and CAPTCHA_SECRET_KEY/);
  });
});
