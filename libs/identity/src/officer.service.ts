import { Actor, BUREAU_ROLES, Role, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { IdentityException, IdentityExceptionCode as Code } from './identity.exception';
import { UserRepository } from './user.repository';

/** The bureau and the handling officer (具办人) a new record belongs to. */
export interface RecordOwner {
  bureauId: string;
  officerId: string;
}

/** Who may be named the officer of a bureau's record (a lead, a project): the one rule for every kind of record. */
@Injectable()
export class OfficerService {
  constructor(private readonly users: UserRepository) {}

  /**
   * Whose new record it is: a staff member's own; a head's own, or one of their bureau's officers; a leader or
   * admin names the officer, and the record belongs to the officer's bureau. `what` names the record (线索, 项目).
   */
  async ownerFor(actor: Actor, officerId: string | undefined, what: string): Promise<RecordOwner> {
    if (BUREAU_ROLES.includes(actor.role)) {
      if (!actor.bureauId) throw new IdentityException(Code.InvalidOfficer, '账号未隶属招商局');
      if (!officerId || officerId === actor.userId) return { bureauId: actor.bureauId, officerId: actor.userId };
      if (actor.role === Role.Staff) {
        throw new IdentityException(Code.InvalidOfficer, `工作人员只能登记由本人具办的${what}`);
      }
      return { bureauId: actor.bureauId, officerId: await this.officerOf(officerId, actor.bureauId) };
    }
    if (!officerId) {
      throw new IdentityException(Code.InvalidOfficer, `请指定具办人（招商局人员），${what}归其所在招商局`);
    }
    const officer = await this.users.findById(officerId);
    if (!officer || !officer.active || !BUREAU_ROLES.includes(officer.role) || !officer.bureauId) {
      throw new IdentityException(Code.InvalidOfficer, '具办人须为在岗的招商局人员');
    }
    return { bureauId: officer.bureauId, officerId: officer.id };
  }

  /** The id of an active officer of the bureau (a reassignment, a conversion's handler); refused otherwise. */
  async officerOf(officerId: string, bureauId: string, tx?: Transaction): Promise<string> {
    const officer = await this.users.findById(officerId, null, tx);
    if (!officer || !officer.active || !BUREAU_ROLES.includes(officer.role) || officer.bureauId !== bureauId) {
      throw new IdentityException(Code.InvalidOfficer, '具办人须为所属招商局的在岗人员');
    }
    return officer.id;
  }
}
