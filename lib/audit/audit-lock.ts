/**
 * Key of the transaction-scoped advisory lock that serialises appends to the audit log:
 * pg_advisory_xact_lock(AUDIT_LOCK, 0). One chain for the whole database, so one lock; it is
 * taken last in a transaction and held until commit, so each entry links to the one before.
 * (7301 is the delivery lock, lib/deliveries/delivery-lock.ts.)
 */
export const AUDIT_LOCK = 7302;
