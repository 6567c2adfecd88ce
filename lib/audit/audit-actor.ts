import type { Caller } from '@/lib/auth/caller';

/**
 * Who acted. The label is what the log shows: an organiser's account email, a token's name, a
 * job's name. Never a signer's: entries about signatures name them by id only.
 */
export type AuditActor = { kind: 'user' | 'token' | 'system'; id: string | null; label: string | null };

/** The organiser behind a request; the system when there is none (the demo seed, a job). */
export function actorFromCaller(caller: Caller | null): AuditActor {
  if (caller?.token) return { kind: 'token', id: caller.token.id, label: `${caller.token.name} (${caller.email})` };
  return caller ? { kind: 'user', id: caller.userId, label: caller.email } : systemActor('system');
}

export function systemActor(label: string): AuditActor {
  return { kind: 'system', id: null, label };
}
