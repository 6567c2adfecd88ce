/** A delivery as published on a campaign's timeline, found by the id its manifest names. */
export type PublishedDelivery = {
  id: string;
  campaign: { slug: string; title: string };
  addressee: string;
  channel: string;
  deliveredOn: string;
  signatureCount: number;
  manifestSha256: string;
};

/** Until deliveries are recorded, none is published. */
export async function findPublishedDelivery(id: string): Promise<PublishedDelivery | null> {
  void id;
  return null;
}
