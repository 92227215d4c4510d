import { Actor, AuditService, BUREAU_ROLES, NotFoundException, Role, TransactionRunner } from '@app/core';
import { Injectable } from '@nestjs/common';
import { ContactPatch, ContactRepository } from './contact.repository';
import { ContactDto, CreateContactDto, UpdateContactDto } from './dto/contact.dto';
import { ContactEntity } from './entities/contact.entity';
import { InvestorEntity } from './entities/investor.entity';
import { InvestorService } from './investor.service';
import { InvestorsException, InvestorsExceptionCode as Code } from './investors.exception';
import { toContactDto } from './investors.mapper';

/**
 * Contacts of an investor. Phones, e-mails and WeChat ids are personal information (PIPL; GB/T 35273 display
 * de-identification): staff and heads see them in full only in the bureau that works the company — the bureau
 * that claims it (InvestorClaimService: its open lead or its live project, the same before and after
 * conversion), or, while no bureau claims it, the bureau that registered it. Leaders, supervisors and admins
 * see them in full. Only the working bureau adds and edits contacts.
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
    const showAll = DISTRICT_ROLES.includes(actor.role) || this.worksInvestor(actor, investor);
    const rows = await this.contacts.listOfInvestor(investor.id);
    return rows.map((row) => toContactDto(row, showAll));
  }

  async create(actor: Actor, investorId: string, dto: CreateContactDto): Promise<ContactDto> {
    const investor = await this.workedInvestor(actor, investorId);
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
          after: auditViewOfContact(created),
        },
        tx,
      );
      return created;
    });
    return toContactDto(contact, true);
  }

  /** Corrects a contact; a field given as null is cleared (the name cannot be). */
  async update(actor: Actor, investorId: string, contactId: string, dto: UpdateContactDto): Promise<ContactDto> {
    const investor = await this.workedInvestor(actor, investorId);
    const contact = await this.contacts.findOfInvestor(investor.id, contactId);
    if (!contact) throw new NotFoundException('联系人');
    const patch: ContactPatch = {};
    if (dto.name !== undefined) patch.name = dto.name;
    for (const field of ['title', 'phone', 'email', 'wechat'] as const) {
      if (dto[field] !== undefined) patch[field] = dto[field] ?? null;
    }
    const changed = (Object.keys(patch) as (keyof ContactPatch)[]).filter((field) => patch[field] !== contact[field]);
    if (changed.length === 0) return toContactDto(contact, true);
    const updated = await this.transactions.run((tx) =>
      this.audit.recordUpdate(
        actor,
        {
          action: 'contact.update',
          entity: 'investor_contact',
          entityId: contact.id,
          before: contact,
          view: auditViewOfContact,
          note: { changed },
        },
        () => this.contacts.update(contact.id, patch, tx),
        tx,
      ),
    );
    return toContactDto(updated, true);
  }

  /** The investor, if the actor's bureau works it: only that bureau keeps its contacts. */
  private async workedInvestor(actor: Actor, investorId: string): Promise<InvestorEntity> {
    const investor = await this.investors.find(investorId);
    if (!this.worksInvestor(actor, investor)) {
      throw new InvestorsException(Code.NotOwnBureau, '只有正在跟进该企业的招商局可以维护联系人');
    }
    return investor;
  }

  /** Whether the actor belongs to the bureau that works this investor now. */
  private worksInvestor(actor: Actor, investor: InvestorEntity): boolean {
    if (!BUREAU_ROLES.includes(actor.role) || !actor.bureauId) return false;
    const owner = investor.claimedByBureauId ?? investor.createdByBureauId;
    return owner === actor.bureauId;
  }
}

/** Roles that oversee every bureau's work and read contacts in full. */
const DISTRICT_ROLES: Role[] = [Role.Leader, Role.Supervisor, Role.Admin];

/** The audit log keeps no phone number, e-mail or WeChat id: only whether one is on record. */
function auditViewOfContact(contact: ContactEntity): Record<string, unknown> {
  return {
    investorId: contact.investorId,
    name: contact.name,
    title: contact.title,
    hasPhone: contact.phone !== null,
    hasEmail: contact.email !== null,
    hasWechat: contact.wechat !== null,
  };
}
