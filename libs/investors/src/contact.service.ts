import { Actor, AuditService, BUREAU_ROLES, TransactionRunner } from '@app/core';
import { Injectable } from '@nestjs/common';
import { ContactRepository } from './contact.repository';
import { ContactDto, CreateContactDto } from './dto/contact.dto';
import { InvestorEntity } from './entities/investor.entity';
import { InvestorService } from './investor.service';
import { InvestorsException, InvestorsExceptionCode as Code } from './investors.exception';
import { toContactDto } from './investors.mapper';

/**
 * Contacts of an investor. Phone numbers are personal information (PIPL; GB/T 35273 display
 * de-identification): only the staff and head of the bureau that works the company see them in full —
 * the bureau holding its open lead, or, while no lead is open, the bureau that registered it.
 * Leaders, supervisors and admins see masked numbers too: they oversee the work but do not call investors.
 */
@Injectable()
export class ContactService {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly investors: InvestorService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, investorId: string): Promise<ContactDto[]> {
    const investor = await this.investors.find(investorId);
    const showPhone = this.worksInvestor(actor, investor);
    const rows = await this.contacts.listOfInvestor(investor.id);
    return rows.map((row) => toContactDto(row, showPhone));
  }

  async create(actor: Actor, investorId: string, dto: CreateContactDto): Promise<ContactDto> {
    const investor = await this.investors.find(investorId);
    if (!this.worksInvestor(actor, investor)) {
      throw new InvestorsException(Code.NotOwnBureau, '只有正在跟进该企业的招商局可以维护联系人');
    }
    const contact = await this.transactions.run(async (tx) => {
      const created = await this.contacts.insert(
        {
          investorId: investor.id,
          name: dto.name,
          title: dto.title ?? null,
          phone: dto.phone ?? null,
          email: dto.email ?? null,
          wechat: dto.wechat ?? null,
          createdById: actor.userId,
        },
        tx,
      );
      // the audit log keeps no phone number, only that one was given
      await this.audit.record(
        actor,
        {
          action: 'contact.create',
          entity: 'investor_contact',
          entityId: created.id,
          after: { investorId: investor.id, name: created.name, title: created.title, hasPhone: !!created.phone },
        },
        tx,
      );
      return created;
    });
    return toContactDto(contact, true);
  }

  /** Whether the actor belongs to the bureau that works this investor now. */
  private worksInvestor(actor: Actor, investor: InvestorEntity): boolean {
    if (!BUREAU_ROLES.includes(actor.role) || !actor.bureauId) return false;
    const owner = investor.openLead ? investor.openLead.bureauId : investor.createdByBureauId;
    return owner === actor.bureauId;
  }
}
