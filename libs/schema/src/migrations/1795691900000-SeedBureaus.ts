import { MigrationInterface, QueryRunner } from 'typeorm';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const FOCUS = [
  ['新能源', '风电装备'],
  ['装备制造', '汽车零部件'],
  ['氟化工', '精细化工'],
  ['农产品深加工', '食品'],
  ['新材料', '硅基材料'],
  ['数字经济', '软件和信息服务'],
  ['现代物流', '商贸流通'],
  ['文化旅游', '精品民宿'],
  ['生物医药', '大健康'],
  ['现代服务业', '总部经济'],
];

/** The ten 招商局 of 海州区, B01–B10. More can be added as data. */
export class SeedBureaus1795691900000 implements MigrationInterface {
  name = 'SeedBureaus1795691900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (let i = 0; i < NUMERALS.length; i++) {
      await queryRunner.query(
        `INSERT INTO bureau (code, name, focus_industries) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`,
        [`B${String(i + 1).padStart(2, '0')}`, `海州区第${NUMERALS[i]}招商局`, FOCUS[i]],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM bureau WHERE code = ANY($1)`, [
      NUMERALS.map((_, i) => `B${String(i + 1).padStart(2, '0')}`),
    ]);
  }
}
