import { NextResponse } from 'next/server';
import { checkHealth } from '@/lib/health/check-health';
import { RETRY_AFTER_SECONDS } from '@/lib/health/database-status';

export const dynamic = 'force-dynamic';

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, {
    status: health.ok ? 200 : 503,
    headers: { 'Cache-Control': 'no-store', ...(health.ok ? {} : { 'Retry-After': String(RETRY_AFTER_SECONDS) }) },
  });
}
