import { Transaction } from '@app/core';
import { ContactEntity, InvestorEntity, LeadEntity, NewContact, NewInvestor, NewLead } from '@app/investors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DemoMarkerEntity } from './entities/demo-marker.entity';

/** Rows per insert statement (well under PostgreSQL's 65,535 parameters). */
const CHUNK = 200;

@Injectable()
export class DemoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isLoaded(dataset: string): Promise<boolean> {
    return (await this.dataSource.getRepository(DemoMarkerEntity).count({ where: { dataset } })) > 0;
  }

  /**
   * Writes the demo's companies, their contacts and their leads, a few statements for hundreds of rows (one
   * insert per row took most of a demo start). The leads are written with their final status, and a visit
   * log of its own follows; the caller counts them in the rankings.
   */
  async insertCompanies(
    investors: (NewInvestor & Pick<InvestorEntity, 'id' | 'createdAt'>)[],
    contacts: (NewContact & Pick<ContactEntity, 'createdAt'>)[],
    leads: (NewLead & Pick<LeadEntity, 'id' | 'status' | 'dropReason' | 'closedAt'>)[],
    tx: Transaction,
  ): Promise<void> {
    for (let i = 0; i < investors.length; i += CHUNK) {
      await tx.getRepository(InvestorEntity).insert(investors.slice(i, i + CHUNK));
      await tx.getRepository(ContactEntity).insert(contacts.slice(i, i + CHUNK));
      await tx.getRepository(LeadEntity).insert(leads.slice(i, i + CHUNK));
    }
  }

  /**
   * Gives a demo project the creation time of the day it belongs to in the history (the services stamp the
   * time of loading), and the lead it was converted from the same day as its closing.
   */
  async backdateCreation(table: 'project', id: string, at: Date, tx?: Transaction): Promise<void> {
    await (tx ?? this.dataSource.manager).query(`UPDATE ${table} SET created_at = $2 WHERE id = $1`, [id, at]);
  }

  async backdateClosing(leadId: string, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE lead SET closed_at = $2 WHERE id = $1', [leadId, at]);
  }

  /** The open lead of each named company (the demo's companies have one each). */
  async openLeadsByCompany(): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT l.id, i.name FROM lead l JOIN investor i ON i.id = l.investor_id WHERE l.status = 'open'`,
    );
    return new Map(rows.map((row) => [row.name, row.id]));
  }

  /** Pass the transaction that loaded the data set, so that the marker and the data commit together. */
  async markLoaded(dataset: string, tx?: Transaction): Promise<void> {
    await (tx ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(DemoMarkerEntity)
      .values({ dataset, loadedAt: new Date() })
      .orIgnore()
      .execute();
  }
}
