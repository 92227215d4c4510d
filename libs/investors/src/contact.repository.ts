import { Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContactEntity } from './entities/contact.entity';

export type NewContact = Pick<
  ContactEntity,
  'investorId' | 'name' | 'title' | 'phone' | 'email' | 'wechat' | 'createdById'
>;

@Injectable()
export class ContactRepository {
  constructor(private readonly dataSource: DataSource) {}

  listOfInvestor(investorId: string): Promise<ContactEntity[]> {
    return this.dataSource
      .getRepository(ContactEntity)
      .find({ where: { investorId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insert(contact: NewContact, tx: Transaction): Promise<ContactEntity> {
    const repository = tx.getRepository(ContactEntity);
    return repository.save(repository.create(contact));
  }
}
