import { describe, expect, it } from 'vitest';
import { ACTION_BODY_LIMIT, readLimited, refuseByFields, refuseByHeaders, refuseByText } from '@/lib/http/action-request';

const ID = '7099d75bb28b48e30904de8b02777b204cf3541c15';

const headers = (values: Record<string, string>) => new Headers({ host: 'letters.example', ...values });
const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [key, value] of fields) data.append(key, value);
  return data;
};
/** The fields a browser posts without JavaScript for a form bound to `bound`. */
const formPost = (bound: string, descriptor = JSON.stringify({ id: ID, bound: '$@1' })) =>
  form([
    ['$ACTION_REF_1', ''],
    ['$ACTION_1:0', descriptor],
    ['$ACTION_1:1', bound],
    ['$ACTION_KEY', 'p/c/free-the-five#sign'],
    ['email', 'ana@example.org'],
  ]);

describe('refuseByHeaders', () => {
  const multipart = 'multipart/form-data; boundary=x';

  it('lets same-site posts and posts without an Origin through', () => {
    expect(refuseByHeaders(headers({ origin: 'https://letters.example', 'content-type': multipart }))).toBeNull();
    expect(refuseByHeaders(headers({ 'content-type': multipart, 'content-length': '2000' }))).toBeNull();
    expect(refuseByHeaders(headers({ origin: 'https://letters.example', 'next-action': ID, 'content-type': multipart }))).toBeNull();
  });

  it('refuses a foreign, null or malformed Origin with a 403', () => {
    for (const origin of ['https://evil.example', 'null', 'not a url', 'https://letters.example.evil.example']) {
      expect(refuseByHeaders(headers({ origin, 'content-type': multipart }))?.status, origin).toBe(403);
    }
  });

  it('compares the Origin with X-Forwarded-Host when a reverse proxy sets it, as Next.js does', () => {
    const proxied = { host: '127.0.0.1:3000', 'x-forwarded-host': 'letters.example, inner', 'content-type': multipart };
    expect(refuseByHeaders(headers({ ...proxied, origin: 'https://letters.example' }))).toBeNull();
    expect(refuseByHeaders(headers({ ...proxied, origin: 'http://127.0.0.1:3000' }))?.status).toBe(403);
  });

  it('refuses a declared body over the limit with a 413', () => {
    expect(refuseByHeaders(headers({ 'content-length': String(ACTION_BODY_LIMIT + 1), 'content-type': multipart }))?.status).toBe(413);
    expect(refuseByHeaders(headers({ 'content-length': String(ACTION_BODY_LIMIT), 'content-type': multipart }))).toBeNull();
  });

  it('refuses an action call that is neither multipart nor text/plain (what React sends) with a 400', () => {
    for (const type of ['application/json', 'application/x-www-form-urlencoded']) {
      expect(refuseByHeaders(headers({ 'next-action': ID, 'content-type': type }))?.status, type).toBe(400);
    }
    expect(refuseByHeaders(headers({ 'next-action': ID }))?.status).toBe(400);
    expect(refuseByHeaders(headers({ 'next-action': ID, 'content-type': 'text/plain;charset=UTF-8' }))).toBeNull();
  });

  it('lets a text/plain call through only as a JSON array of plain values (a button form sends its bound token so)', () => {
    expect(refuseByText('["lGFmxXQ9nZtpXHHeXg0dHBL_IwOkvgi2bbXmwUm_hY8"]')).toBeNull();
    expect(refuseByText('["x",1]')).toBeNull();
    for (const text of ['{{{', '{"a":1}', '"$@1"', '["$@1"]', '["$Q1"]', '']) expect(refuseByText(text)?.status, text).toBe(400);
  });
});

describe('readLimited', () => {
  const stream = (chunkSize: number, chunks: number, pulled = { count: 0 }) =>
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.count++ >= chunks) controller.close();
        else controller.enqueue(new Uint8Array(chunkSize).fill(120));
      },
    });

  it('returns a body under the limit whole', async () => {
    const body = await readLimited(stream(1000, 3));
    expect(body).toBeInstanceOf(Uint8Array);
    expect((body as Uint8Array).byteLength).toBe(3000);
    expect(await readLimited(null)).toEqual(new Uint8Array(0));
  });

  it('stops reading a body without Content-Length once it passes the limit, with a 413', async () => {
    const pulled = { count: 0 };
    const body = await readLimited(stream(64 * 1024, 10_000, pulled));
    expect(body).toMatchObject({ status: 413 });
    expect(pulled.count).toBeLessThan(40);
  });
});

describe('refuseByFields for calls from JavaScript', () => {
  it('lets the calls our forms make through', () => {
    const sign = form([
      ['0', JSON.stringify(['free-the-five', { status: 'invalid', values: { title: '$$5 fund' }, note: '$undefined' }, '$K1'])],
      ['_1_email', 'ana@example.org'],
      ['_1_$weird', '{{{'],
    ]);
    expect(refuseByFields(sign, true)).toBeNull();
  });

  it('refuses arguments that are not JSON, not a list, or missing', () => {
    expect(refuseByFields(form([['0', '{{{']]), true)?.status).toBe(400);
    expect(refuseByFields(form([['0', '{"a":1}']]), true)?.status).toBe(400);
    expect(refuseByFields(form([['0', '"abc"']]), true)?.status).toBe(400);
    expect(refuseByFields(form([['email', 'a@b.org']]), true)?.status).toBe(400);
    expect(refuseByFields(form([['0', '[]'], ['1', 'not json']]), true)?.status).toBe(400);
  });

  it('refuses the references our forms never send (promises, rows, maps, server references, paths)', () => {
    for (const reference of ['$@5', '$5', '$1:__proto__:then', '$Q1', '$W1', '$h1', '$B1', '$R1', '$T', '$nzz', '$Dzz', '$zz']) {
      expect(refuseByFields(form([['0', JSON.stringify([{ nested: [reference] }])], ['1', '[]']]), true)?.status, reference).toBe(400);
    }
  });

  it('refuses nesting no form state needs', () => {
    const deep = '['.repeat(100) + ']'.repeat(100);
    expect(refuseByFields(form([['0', deep]]), true)?.status).toBe(400);
  });
});

describe('refuseByFields for posts without JavaScript', () => {
  it('lets a bound form and an unbound one through', () => {
    expect(refuseByFields(formPost(JSON.stringify(['free-the-five', { status: 'idle' }])), false)).toBeNull();
    expect(refuseByFields(formPost('', JSON.stringify({ id: ID, bound: null })), false)).toBeNull();
    expect(refuseByFields(form([[`$ACTION_ID_${ID}`, ''], ['locale', 'fr']]), false)).toBeNull();
    expect(refuseByFields(form([['anything', 'else']]), false)).toBeNull();
  });

  it('refuses bound arguments that are not JSON, not a list, or hold references', () => {
    for (const bound of ['{{{ not json', '"abc"', '{"a":1}', '["$@7"]', '["$Q3"]', '["$T"]', '["$nzz"]']) {
      expect(refuseByFields(formPost(bound), false)?.status, bound).toBe(400);
    }
  });

  it('refuses a descriptor that is not JSON or points at a missing row', () => {
    for (const descriptor of ['zzz', 'null', '[]', JSON.stringify({ bound: '$@1' }), JSON.stringify({ id: ID, bound: '$@9' }), JSON.stringify({ id: ID, bound: 'x' })]) {
      expect(refuseByFields(formPost('[]', descriptor), false)?.status, descriptor).toBe(400);
    }
  });
});
