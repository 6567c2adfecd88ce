/** Who is asking, as resolved from the session at the edge. Permission checks live in lib/. */
export type Caller = { userId: string; email: string; isAdmin: boolean };
