/**
 * The bare static baseline of bench/letter-page.bench.ts: 56 KiB of HTML, about the size of the
 * demo letter's page, prerendered at build.
 * A route only in builds made with BENCH=1 (see pageExtensions in next.config.js).
 */
const filler = '<p>Static baseline for the letter page benchmark.</p>\n';
const head = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Static baseline</title></head><body><main>\n';
const tail = '</main></body></html>\n';
const body = head + filler.repeat(Math.floor((56 * 1024 - head.length - tail.length) / filler.length)) + tail;

export const dynamic = 'force-static';

export function GET() {
  return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
