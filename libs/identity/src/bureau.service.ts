import { Actor, AuditService, Role, TransactionRunner } from '@app/core';
import { Injectable } from '@nestjs/common';
import { BureauRepository } from './bureau.repository';
import { BureauDto, SetBureauLeaderDto } from './dto/bureau.dto';
import { BureauEntity } from './entities/bureau.entity';
import { IdentityException, IdentityExceptionCode } from './identity.exception';
import { UserRepository } from './user.repository';

const toBureauDto = ({ id, code, name, focusIndustries, leaderId }: BureauEntity): BureauDto => ({
  id,
  code,
  name,
  focusIndustries,
  leaderId,
});

@Injectable()
export class BureauService {
  constructor(
    private readonly bureaus: BureauRepository,
    private readonly users: UserRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<BureauDto[]> {
    return (await this.bureaus.list()).map(toBureauDto);
  }

  /** Names a bureau's 分管领导: an active user with the leader role, or nobody. */
  async setLeader(actor: Actor, code: string, dto: SetBureauLeaderDto): Promise<BureauDto> {
    const bureau = await this.bureaus.findByCode(code);
    if (!bureau) throw new IdentityException(IdentityExceptionCode.UnknownBureau, `招商局 ${code} 不存在`);
    if (dto.leaderId !== null) {
      const [leader] = await this.users.findByIds([dto.leaderId], { role: Role.Leader, active: true });
      if (!leader) {
        throw new IdentityException(IdentityExceptionCode.InvalidLeader, '分管领导须为在职的县级领导', [
          { field: 'leaderId', problems: ['分管领导须为在职的县级领导'] },
        ]);
      }
    }
    await this.transactions.run(async (tx) => {
      await this.bureaus.setLeader(bureau.id, dto.leaderId, tx);
      await this.audit.record(
        actor,
        {
          action: 'bureau.leader',
          entity: 'bureau',
          entityId: bureau.id,
          before: { leaderId: bureau.leaderId },
          after: { leaderId: dto.leaderId },
        },
        tx,
      );
    });
    return toBureauDto({ ...bureau, leaderId: dto.leaderId });
  }
}
