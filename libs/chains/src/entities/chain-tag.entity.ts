import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TaggedKind } from '../chain';

/** A company, lead or project tagged with a link; the record is another library's, named by kind and id. */
@Entity('chain_tag')
@Check('chk_chain_tag_kind', `record_kind IN ('investor', 'lead', 'project')`)
@Index('uq_chain_tag', ['linkId', 'recordKind', 'recordId'], { unique: true })
@Index('idx_chain_tag_record', ['recordKind', 'recordId'])
export class ChainTagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('chain_link', { onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  linkId: string;

  @Column({ type: 'varchar', length: 10 })
  recordKind: TaggedKind;

  @Column({ type: 'uuid' })
  recordId: string;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  createdById: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
