import { Role } from './role';

/** Where a call came from: enough for the audit log even before anyone signed in. */
export interface RequestMeta {
  ip: string;
  requestId: string;
  userAgent?: string;
}

/** The signed-in user behind a request, as the services see it. */
export interface Actor extends RequestMeta {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  bureauId: string | null;
  bureauCode: string | null;
  sessionId: string;
}

/**
 * The bureau whose records this actor is limited to, or `null` when the actor reads the whole district.
 * Repositories add it to their WHERE clauses, so a guessed id from another bureau is simply not found.
 */
export function bureauScopeOf(actor: Pick<Actor, 'role' | 'bureauId'>): string | null {
  if (actor.role === Role.Staff || actor.role === Role.BureauHead) {
    // a bureau user without a bureau sees nothing rather than everything
    return actor.bureauId ?? '00000000-0000-0000-0000-000000000000';
  }
  return null;
}
