import { getEnv } from '@/lib/env';
import { describeError, log } from '@/lib/log';

export type CaptchaProvider = 'turnstile' | 'hcaptcha';

const PROVIDERS: Record<CaptchaProvider, { verifyUrl: string; field: string; script: string; widgetClass: string }> = {
  turnstile: {
    verifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    field: 'cf-turnstile-response',
    script: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
    widgetClass: 'cf-turnstile',
  },
  hcaptcha: {
    verifyUrl: 'https://api.hcaptcha.com/siteverify',
    field: 'h-captcha-response',
    script: 'https://js.hcaptcha.com/1/api.js',
    widgetClass: 'h-captcha',
  },
};

const VERIFY_TIMEOUT_MS = 5_000;

export type CaptchaWidget = { siteKey: string; script: string; widgetClass: string; field: string };

/** What the sign form renders when a CAPTCHA is configured; null (the default) when none is. */
export function captchaWidget(): CaptchaWidget | null {
  const { captcha } = getEnv();
  if (!captcha) return null;
  const { script, widgetClass, field } = PROVIDERS[captcha.provider];
  return { siteKey: captcha.siteKey, script, widgetClass, field };
}

/**
 * Asks the provider whether the form's CAPTCHA answer is genuine. True when no CAPTCHA is
 * configured. An unreachable provider counts as a failed check: the signer is asked to try
 * again rather than the check being skipped.
 */
export async function verifyCaptcha(form: FormData): Promise<boolean> {
  const { captcha } = getEnv();
  if (!captcha) return true;
  const provider = PROVIDERS[captcha.provider];
  const answer = form.get(provider.field);
  if (typeof answer !== 'string' || !answer || answer.length > 4096) return false;
  try {
    const response = await fetch(captcha.verifyUrl ?? provider.verifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ secret: captcha.secretKey, response: answer }),
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
    const result = (await response.json()) as { success?: unknown };
    return response.ok && result.success === true;
  } catch (error) {
    log('warn', 'CAPTCHA provider did not answer', { provider: captcha.provider, error: describeError(error) });
    return false;
  }
}
