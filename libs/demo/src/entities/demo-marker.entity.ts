import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Present once the demo data set was loaded, so that a restart does not load it again. */
@Entity('demo_marker')
export class DemoMarkerEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  dataset: string;

  @Column({ type: 'timestamptz' })
  loadedAt: Date;
}
