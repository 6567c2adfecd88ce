import { readPublishedManifest } from '@/lib/deliveries/find-published-delivery';
import { AppError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string; id: string }> };

/** Anyone: a delivery's manifest.json, byte for byte; its SHA-256 is the one on the timeline. */
export const GET = apiRoute<Context>(async (_request, { params }) => {
  const { slug, id } = await params;
  const manifest = await readPublishedManifest(slug, id);
  if (manifest === null) throw new AppError('not_found', 'Delivery not found');
  return new Response(manifest, { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' } });
});
