export enum Role {
  Staff = 'staff',
  BureauHead = 'bureau_head',
  Leader = 'leader',
  Supervisor = 'supervisor',
  Admin = 'admin',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Roles that work inside one bureau and see only its records. */
export const BUREAU_ROLES: readonly Role[] = [Role.Staff, Role.BureauHead];

/** Roles that read every bureau's records. */
export const DISTRICT_READERS: readonly Role[] = [Role.Leader, Role.Supervisor, Role.Admin];

export const ROLE_LABELS: Record<Role, string> = {
  [Role.Staff]: '招商局工作人员',
  [Role.BureauHead]: '招商局局长',
  [Role.Leader]: '县级领导',
  [Role.Supervisor]: '督查室/纪委监委',
  [Role.Admin]: '系统管理员',
};
