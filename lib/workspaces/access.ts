/**
 * What someone may do with a campaign or a workspace, from least to most:
 * view (read the dashboard), edit (work on the letter and its signatures), own (publish, close,
 * members and sharing). Workspace roles and granted roles (shares, tokens) map onto these.
 */
export type Access = 'view' | 'edit' | 'own';
export type WorkspaceRole = 'owner' | 'editor' | 'viewer';
export type GrantedRole = 'editor' | 'viewer';

const rank: Record<Access, number> = { view: 1, edit: 2, own: 3 };
const byRole: Record<WorkspaceRole, Access> = { owner: 'own', editor: 'edit', viewer: 'view' };

export function accessOf(role: WorkspaceRole | GrantedRole): Access {
  return byRole[role];
}

export function allows(have: Access | null, need: Access): boolean {
  return have !== null && rank[have] >= rank[need];
}

export function lesser(a: Access, b: Access): Access {
  return rank[a] <= rank[b] ? a : b;
}

export function greater(a: Access | null, b: Access | null): Access | null {
  if (a === null) return b;
  if (b === null) return a;
  return rank[a] >= rank[b] ? a : b;
}
