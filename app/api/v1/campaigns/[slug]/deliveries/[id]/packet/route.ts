import { getApiCaller } from '@/lib/auth/get-api-caller';
import { readPacket } from '@/lib/deliveries/read-packet';
import { apiRoute } from '@/lib/http/api-response';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string; id: string }> };

/** Organisers: the delivery's packet, the same bytes every time. */
export const GET = apiRoute<Context>(async (request, { params }) => {
  const { slug, id } = await params;
  const packet = await readPacket(await getApiCaller(request), slug, id);
  return new Response(packet.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${packet.filename}"`,
      'Content-Length': String(packet.bytes.length),
      'Cache-Control': 'no-store',
      'X-Packet-SHA256': packet.sha256,
    },
  });
});
