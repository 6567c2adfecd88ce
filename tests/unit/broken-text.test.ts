import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { readBody } from '@/lib/http/read-body';
import { parseInput } from '@/lib/schemas/field-errors';
import { signSchema } from '@/lib/schemas/signature';

const signer = { givenName: 'Ana', familyName: 'Velez', email: 'ana@example.org', country: 'FR', visibility: 'public', consent: true };

function fieldErrors(input: unknown): Record<string, string[]> {
  try {
    parseInput(signSchema, input);
  } catch (error) {
    if (error instanceof AppError) return error.fields ?? {};
    throw error;
  }
  return {};
}

describe('text that is not what the person typed is refused, never stored', () => {
  it.each([
    ['a lone high surrogate', 'Ana\uD800'],
    ['a lone low surrogate', '\uDC00Velez'],
    ['a replacement character from broken bytes', 'Ve\uFFFDlez'],
  ])('%s in a name is a field error', (_what, value) => {
    expect(fieldErrors({ ...signer, familyName: value }).familyName?.[0]).toMatch(/broken characters/);
  });

  it('keeps real astral characters and Persian names with a zero-width non-joiner', () => {
    expect(fieldErrors({ ...signer, familyName: 'Velez 𝒜' })).toEqual({});
    expect(fieldErrors({ ...signer, givenName: 'محمدرضا', familyName: 'حسینی‌نژاد' })).toEqual({});
  });

  it('refuses a JSON body that is not valid UTF-8 with a 400 instead of decoding it to U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('{"familyName":"Ve'), Buffer.from([0xff, 0xfe]), Buffer.from('lez"}')]);
    const request = new Request('http://localhost/api', { method: 'POST', body: bytes });
    await expect(readBody(request, 1024)).rejects.toMatchObject({ code: 'bad_request', status: 400 });
    const ok = new Request('http://localhost/api', { method: 'POST', body: '{"familyName":"Vélez"}' });
    await expect(readBody(ok, 1024)).resolves.toBe('{"familyName":"Vélez"}');
  });

  it('refuses a body over the limit while reading, even without Content-Length', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(1024));
        controller.close();
      },
    });
    const request = new Request('http://localhost/api', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    await expect(readBody(request, 4096)).rejects.toMatchObject({ code: 'payload_too_large', status: 413 });
  });
});
