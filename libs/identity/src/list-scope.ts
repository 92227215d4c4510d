import { BureauRepository } from './bureau.repository';

/**
 * The bureau a list is limited to: the caller's own for bureau roles (`scope`, from `bureauScopeOf` in
 * core/auth/bureau-scope.ts, where the rule lives), narrowed by a `bureau` filter.
 * `null` is the whole district; `undefined` means the filter names a bureau the caller may not see (or none),
 * so the list is empty.
 */
export async function listBureau(
  bureaus: BureauRepository,
  scope: string | null,
  code?: string,
): Promise<string | null | undefined> {
  if (!code) return scope;
  const bureau = await bureaus.findByCode(code);
  return bureau && (!scope || bureau.id === scope) ? bureau.id : undefined;
}
