/** What an API token lets its bearer do: one workspace, at most an editor. */
export type CallerToken = { id: string; name: string; workspaceId: string; role: 'editor' | 'viewer' };

/**
 * Who is asking, as resolved at the edge: from the session (pages, actions, the API) or from an
 * API token (the API only, `token` set). Permission checks live in lib/.
 */
export type Caller = { userId: string; email: string; isAdmin: boolean; token?: CallerToken };
