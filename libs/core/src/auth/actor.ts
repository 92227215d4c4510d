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
