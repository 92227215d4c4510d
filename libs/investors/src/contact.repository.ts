import { insertChunked, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ContactEntity } from './entities/contact.entity';

export type NewContact = Pick<
  ContactEntity,
  'investorId' | 'name' | 'title' | 'phone' | 'email' | 'wechat' | 'createdById'
>;

export type ContactPatch = Partial<Pick<ContactEntity, 'name' | 'title' | 'phone' | 'email' | 'wechat'>>;

@Injectable()
export class ContactRepository {
  constructor(@InjectRepository(ContactEntity) private readonly contacts: Repository<ContactEntity>) {}

  listOfInvestor(investorId: string): Promise<ContactEntity[]> {
    return this.contacts.find({ where: { investorId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A contact of this investor; another investor's contact is simply not found. */
  findOfInvestor(investorId: string, id: string): Promise<ContactEntity | null> {
    return this.contacts.findOne({ where: { id, investorId } });
  }

  async update(id: string, patch: ContactPatch, tx: Transaction): Promise<ContactEntity> {
    const repository = tx.getRepository(ContactEntity);
    await repository.update({ id }, patch);
    return repository.findOneOrFail({ where: { id } });
  }

  /** Contacts of a history loaded at once (the demo), with the creation times they had on their days. */
  insertHistory(contacts: (NewContact & Pick<ContactEntity, 'createdAt'>)[], tx: Transaction): Promise<void> {
    return insertChunked(tx, ContactEntity, contacts);
  }

  async insert(contact: NewContact, tx: Transaction): Promise<ContactEntity> {
    const repository = tx.getRepository(ContactEntity);
    return repository.save(repository.create(contact));
  }
}
