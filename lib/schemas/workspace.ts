import { z } from 'zod';
import { emailSchema } from './email';
import { lineSchema } from './text';

export const workspaceNameSchema = lineSchema(120, 'Name');

export const createWorkspaceSchema = z.strictObject({ name: workspaceNameSchema });
export type CreateWorkspaceInput = z.input<typeof createWorkspaceSchema>;

export const workspaceRoleSchema = z.enum(['owner', 'editor', 'viewer'], { error: 'Role must be owner, editor or viewer' });
export const grantedRoleSchema = z.enum(['editor', 'viewer'], { error: 'Role must be editor or viewer' });

export const inviteMemberSchema = z.strictObject({
  email: emailSchema.transform((email) => email.toLowerCase()),
  role: workspaceRoleSchema,
});
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

export const changeMemberRoleSchema = z.strictObject({ userId: z.string().min(1).max(100), role: workspaceRoleSchema });
