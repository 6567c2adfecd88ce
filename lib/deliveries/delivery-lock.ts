/**
 * First key of the advisory lock that orders storing a delivery (exclusive) and a withdrawal
 * (shared) on one campaign; the second is hashtext(campaign id). See create-delivery.ts.
 */
export const DELIVERY_LOCK = 7301;
