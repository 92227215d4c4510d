import { CommonException, CommonExceptionCode } from '../errors/domain.exception';
import { Actor } from './actor';
import { Role } from './role';

/**
 * The one rule of who reads which bureau's records (DESIGN.md "Who uses it"): staff and heads read their own
 * bureau's records in every list, drilldown, alert, funnel, report and export; leaders, supervisors and admins
 * read every bureau's. Figures, scores and ranks are not records: every signed-in user sees them all.
 *
 * Everything that limits reads by bureau goes through the functions of this file: repositories take
 * `bureauScopeOf` into their WHERE clauses, lists narrow a `bureau` filter with `listBureau` (identity),
 * figure details (drilldown, funnel) call `assertReadsBureau`, and frozen reports, which name bureaus by code,
 * keep the rows of `bureauCodeScopeOf`.
 */

/** Stands for "no bureau" in a scope: a bureau user without a bureau sees nothing rather than everything. */
const NO_BUREAU_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The bureau whose records this actor is limited to, or `null` when the actor reads the whole district.
 * Repositories add it to their WHERE clauses, so a guessed id from another bureau is simply not found.
 */
export function bureauScopeOf(actor: Pick<Actor, 'role' | 'bureauId'>): string | null {
  if (actor.role === Role.Staff || actor.role === Role.BureauHead) return actor.bureauId ?? NO_BUREAU_ID;
  return null;
}

/**
 * The same scope by bureau code, for content that names bureaus by code (a frozen weekly report): `null` reads
 * every bureau; a bureau user without a bureau gets a code no bureau has.
 */
export function bureauCodeScopeOf(actor: Pick<Actor, 'role' | 'bureauId' | 'bureauCode'>): string | null {
  if (bureauScopeOf(actor) === null) return null;
  return actor.bureauId && actor.bureauCode ? actor.bureauCode : '';
}

/** Whether the actor may read the records of this bureau. */
export function readsBureau(actor: Pick<Actor, 'role' | 'bureauId'>, bureauId: string): boolean {
  const scope = bureauScopeOf(actor);
  return scope === null || scope === bureauId;
}

/** Another bureau's records asked for by name (a drilldown, a bureau's funnel): refused, not silently emptied. */
export class BureauScopeException extends CommonException {
  constructor(asked: string, own: string | null) {
    super(
      CommonExceptionCode.ForbiddenBureau,
      `无权查看 ${asked} 的明细记录：招商局用户只能查看本局${own ? `（${own}）` : ''}的记录，各局排名数据对所有人公开`,
      { bureau: asked, ownBureau: own },
    );
  }
}

/** Throws FORBIDDEN_BUREAU unless the actor may read the records of this bureau. */
export function assertReadsBureau(
  actor: Pick<Actor, 'role' | 'bureauId' | 'bureauCode'>,
  bureau: { id: string; code: string },
): void {
  if (!readsBureau(actor, bureau.id)) throw new BureauScopeException(bureau.code, actor.bureauCode);
}
