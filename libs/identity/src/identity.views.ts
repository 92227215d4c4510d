/**
 * The SQL views through which other libraries name identity's records beside their own (migrated with the schema,
 * ReferenceViews; each reads only identity's tables). Their columns:
 * - `bureauRefs`: id, code, name;
 * - `userRefs`: id, display_name.
 */
export const IDENTITY_VIEWS = {
  bureauRefs: 'identity_bureau_refs',
  userRefs: 'identity_user_refs',
} as const;
