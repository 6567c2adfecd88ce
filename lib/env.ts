import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, validated once. Nothing else reads process.env (the Resend SDK reads
 * RESEND_BASE_URL itself, which is why it is documented here but only checked).
 */
const emailList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email({ message: 'ADMIN_EMAILS must be a comma-separated list of addresses' })));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : undefined))
    .pipe(z.url({ protocol: /^postgres(ql)?$/, message: 'DATABASE_URL must be a postgres:// URL' }).optional()),
  PGLITE_DIR: z.string().default('.data/pglite'),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  AUTH_URL: z.url({ message: 'AUTH_URL must be the public base URL, e.g. https://sign.example.org' }).optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url().optional(),
  EMAIL_FROM: z.string().min(3).optional(),
  ADMIN_EMAILS: emailList,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  MAIL_WORKER: z.enum(['in-process', 'off']).default('in-process'),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  RESEND_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]+$/, 'RESEND_WEBHOOK_SECRET must be the whsec_… signing secret of the Resend webhook')
    .optional(),
  MAIL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  MAIL_GIVE_UP_HOURS: z.coerce.number().min(0.001).max(24 * 7).default(24),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  DB_CONNECT_TIMEOUT_S: z.coerce.number().min(0.1).max(60).default(2),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  CAPTCHA_PROVIDER: z.enum(['turnstile', 'hcaptcha'], { message: 'CAPTCHA_PROVIDER must be turnstile or hcaptcha' }).optional(),
  CAPTCHA_SITE_KEY: z.string().min(1).optional(),
  CAPTCHA_SECRET_KEY: z.string().min(1).optional(),
  CAPTCHA_VERIFY_URL: z.url().optional(),
  SECURITY_CONTACT: z
    .string()
    .trim()
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'SECURITY_CONTACT must be a mailto: address or an https:// URL')
    .optional(),
  DATA_ENCRYPTION_KEY: z.string().optional(),
  DATA_ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
  CLUSTER_APPS: z.coerce.number().int().min(1, 'CLUSTER_APPS must be 1 to 16').max(16, 'CLUSTER_APPS must be 1 to 16').default(3),
});

export type Env = {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  databaseUrl: string | undefined;
  pgliteDir: string;
  authSecret: string;
  baseUrl: string;
  resendApiKey: string | undefined;
  emailFrom: string;
  adminEmails: string[];
  port: number;
  mailWorker: 'in-process' | 'off';
  seedDemo: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  resendWebhookSecret: string | undefined;
  mailTimeoutMs: number;
  mailGiveUpHours: number;
  trustedProxyHops: number;
  rateLimits: boolean;
  dbConnectTimeoutS: number;
  dbStatementTimeoutMs: number;
  dbPoolSize: number;
  clusterApps: number;
  /** Where vulnerabilities in this instance are reported (mailto: or https:), for /.well-known/security.txt. */
  securityContact: string | undefined;
  /** The master key that wraps every campaign's data key (32 bytes). */
  dataEncryptionKey: Buffer;
  /** During a rotation: the master key being replaced, still accepted for unwrapping. */
  previousDataEncryptionKey: Buffer | undefined;
  /** Where a development master key was generated, or undefined when it came from the environment. */
  generatedDataEncryptionKeyFile: string | undefined;
  /** Off (null) unless a provider and both keys are set. */
  captcha: { provider: 'turnstile' | 'hcaptcha'; siteKey: string; secretKey: string; verifyUrl?: string } | null;
};

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Undersigned cannot start; fix the configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export const DEV_ADMIN_EMAIL = 'organiser@example.org';

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests: forget the parsed configuration so the next getEnv() re-reads it. */
export function resetEnv(): void {
  cached = undefined;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';
  const problems: string[] = [];
  if (isProduction) {
    if (!raw.AUTH_SECRET) problems.push('AUTH_SECRET is required in production (generate one: openssl rand -base64 32)');
    if (!raw.AUTH_URL) problems.push('AUTH_URL is required in production (the public base URL, used in mailed links)');
    if (!raw.RESEND_API_KEY) problems.push('RESEND_API_KEY is required in production: mail is never skipped');
    if (!raw.EMAIL_FROM) problems.push('EMAIL_FROM is required in production, e.g. "Undersigned <letters@example.org>"');
  }
  if (raw.CAPTCHA_PROVIDER && (!raw.CAPTCHA_SITE_KEY || !raw.CAPTCHA_SECRET_KEY)) {
    problems.push('CAPTCHA_PROVIDER needs CAPTCHA_SITE_KEY and CAPTCHA_SECRET_KEY');
  }
  const masterKey = readMasterKey(raw.DATA_ENCRYPTION_KEY, 'DATA_ENCRYPTION_KEY', problems);
  const previousKey = readMasterKey(raw.DATA_ENCRYPTION_KEY_PREVIOUS, 'DATA_ENCRYPTION_KEY_PREVIOUS', problems);
  if (isProduction && !raw.DATA_ENCRYPTION_KEY?.trim()) {
    problems.push('DATA_ENCRYPTION_KEY is required in production: signers\' data is encrypted with it (generate one: openssl rand -base64 32)');
  }
  if (problems.length) throw new ConfigError(problems);
  const dataDir = path.resolve(raw.PGLITE_DIR, '..');
  const generated = masterKey ? undefined : developmentMasterKey(dataDir);

  return {
    nodeEnv: raw.NODE_ENV,
    isProduction,
    databaseUrl: raw.DATABASE_URL,
    pgliteDir: path.resolve(raw.PGLITE_DIR),
    authSecret: raw.AUTH_SECRET ?? developmentSecret(path.resolve(raw.PGLITE_DIR, '..')),
    baseUrl: (raw.AUTH_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ''),
    resendApiKey: raw.RESEND_API_KEY,
    emailFrom: raw.EMAIL_FROM ?? 'Undersigned <onboarding@resend.dev>',
    // Outside production a fresh install has one organiser to sign in as, via the dev mailbox.
    adminEmails: raw.ADMIN_EMAILS.length || isProduction ? raw.ADMIN_EMAILS : [DEV_ADMIN_EMAIL],
    port: raw.PORT,
    mailWorker: raw.MAIL_WORKER,
    seedDemo: raw.SEED_DEMO ?? !isProduction,
    logLevel: raw.LOG_LEVEL,
    resendWebhookSecret: raw.RESEND_WEBHOOK_SECRET,
    mailTimeoutMs: raw.MAIL_TIMEOUT_MS,
    mailGiveUpHours: raw.MAIL_GIVE_UP_HOURS,
    trustedProxyHops: raw.TRUSTED_PROXY_HOPS,
    rateLimits: raw.RATE_LIMITS === 'on',
    dbConnectTimeoutS: raw.DB_CONNECT_TIMEOUT_S,
    dbStatementTimeoutMs: raw.DB_STATEMENT_TIMEOUT_MS,
    dbPoolSize: raw.DB_POOL_SIZE,
    clusterApps: raw.CLUSTER_APPS,
    securityContact: raw.SECURITY_CONTACT,
    dataEncryptionKey: masterKey ?? generated!.key,
    previousDataEncryptionKey: previousKey,
    generatedDataEncryptionKeyFile: generated?.file,
    captcha:
      raw.CAPTCHA_PROVIDER && raw.CAPTCHA_SITE_KEY && raw.CAPTCHA_SECRET_KEY
        ? { provider: raw.CAPTCHA_PROVIDER, siteKey: raw.CAPTCHA_SITE_KEY, secretKey: raw.CAPTCHA_SECRET_KEY, verifyUrl: raw.CAPTCHA_VERIFY_URL }
        : null,
  };
}

/** Outside production a missing AUTH_SECRET is generated once and kept in the data folder. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** A master key is 32 random bytes in base64 (standard or URL-safe). */
function readMasterKey(value: string | undefined, name: string, problems: string[]): Buffer | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64') : Buffer.alloc(0);
  if (key.length !== 32) {
    problems.push(`${name} must be 32 bytes in base64 (generate one: openssl rand -base64 32)`);
    return undefined;
  }
  return key;
}

/**
 * Outside production a missing DATA_ENCRYPTION_KEY is generated once and kept in the data folder,
 * beside (never inside) the database; start-up says so, since losing the file loses the data.
 */
function developmentMasterKey(dataDir: string): { key: Buffer; file: string } {
  const file = path.join(dataDir, 'data-encryption-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      // 'wx': never overwrite a key another process has just written (that would lose its data).
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new ConfigError([`${file} does not hold a 32-byte base64 key; restore it from your backup`]);
  return { key, file };
}
