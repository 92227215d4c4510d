import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ChainSegment, LinkStatus } from '../chain';

/**
 * A link (环节) of one chain, in a tree under the chain: its parent is a link of the same chain (checked by the
 * service, which also refuses cycles, under a lock on the chain).
 */
@Entity('chain_link')
@Check('chk_chain_link_segment', `segment IN ('upstream', 'midstream', 'downstream')`)
@Check('chk_chain_link_status', `status IN ('strong', 'weak', 'missing', 'extend')`)
@Check('chk_chain_link_parent', `parent_id IS NULL OR parent_id <> id`)
@Index('uq_chain_link_name', ['chainId', 'name'], { unique: true })
@Index('idx_chain_link_parent', ['parentId'])
export class ChainLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('industry_chain', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  chainId: string;

  @ForeignKey('chain_link', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'varchar', length: 10 })
  segment: ChainSegment;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** 重点产品, as the leaders list them. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  keyProducts: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: LinkStatus;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
