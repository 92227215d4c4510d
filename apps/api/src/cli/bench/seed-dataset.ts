import { hashPassword } from '@app/identity';
import { Client } from 'pg';
import { Progress } from './measure';

export interface DatasetSize {
  bureaus: number;
  visits: number;
  leads: number;
  projects: number;
}

export const BENCH_PASSWORD = 'Bench#2026x';
const BATCH = 250_000;
/** The seeded industry chain: its name, links and target companies. */
export const BENCH_CHAIN = { name: '基准新材料产业链', links: 50, targets: 5_000 } as const;

/**
 * Fills a migrated, empty database with a synthetic but consistent data set: bureaus with one officer each,
 * investors with one lead each, visits spread over the year, projects with their stage events and funds, and one
 * industry chain with its links, target companies (some of them already leads) and tagged records.
 * Runs as set-based SQL (generate_series), so ten million visits take minutes, not hours.
 */
export async function seedDataset(client: Client, size: DatasetSize, year: number, lastDay: string): Promise<void> {
  const days = Math.max(
    1,
    Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000),
  );
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const step = async (label: string, total: number, run: (from: number, to: number) => Promise<void>) => {
    const progress = new Progress(label, total);
    progress.update(0);
    for (let from = 1; from <= total; from += BATCH) {
      const to = Math.min(total, from + BATCH - 1);
      await run(from, to);
      progress.update(to);
    }
  };

  await step('bureaus & officers', size.bureaus, async (from, to) => {
    await client.query(
      `INSERT INTO bureau (code, name, focus_industries)
       SELECT 'B' || CASE WHEN g <= 10 THEN lpad(g::text, 2, '0') ELSE lpad(g::text, 4, '0') END, '基准招商局' || g, '{}'
         FROM generate_series($1::int, $2::int) g ON CONFLICT (code) DO NOTHING`,
      [from, to],
    );
  });
  await client.query(`CREATE TABLE bench_bureau AS
    SELECT row_number() OVER (ORDER BY code)::int - 1 AS idx, id AS bureau_id FROM bureau`);
  await client.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, bureau_id)
     SELECT 'bench_' || lower(b.code), '基准专员' || bb.idx, $1, 'staff', b.id
       FROM bench_bureau bb JOIN bureau b ON b.id = bb.bureau_id ON CONFLICT (username) DO NOTHING`,
    [passwordHash],
  );
  await client.query(`ALTER TABLE bench_bureau ADD COLUMN officer_id uuid`);
  await client.query(
    `UPDATE bench_bureau bb SET officer_id = u.id FROM app_user u WHERE u.bureau_id = bb.bureau_id AND u.username LIKE 'bench\\_%'`,
  );
  await client.query(`CREATE UNIQUE INDEX ON bench_bureau (idx)`);
  const bureauCount = Number((await client.query('SELECT count(*) FROM bench_bureau')).rows[0].count);

  await step('investors & leads', size.leads, async (from, to) => {
    await client.query(
      `INSERT INTO investor (name, normalized_name, industry, region, created_by_id, created_by_bureau_id,
                             claimed_by_bureau_id, created_at)
       SELECT '基准企业' || g || '有限公司', '基准企业' || g, '新材料', '辽宁省阜新市', bb.officer_id, bb.bureau_id, bb.bureau_id,
              make_date($3, 1, 1) + ((g::bigint * 37) % $4)::int * interval '1 day'
         FROM generate_series($1::int, $2::int) g JOIN bench_bureau bb ON bb.idx = g % $5`,
      [from, to, year, days, bureauCount],
    );
  });
  await client.query(`CREATE TABLE bench_lead (n serial PRIMARY KEY, id uuid, bureau_id uuid, officer_id uuid)`);
  await client.query(
    `INSERT INTO lead (investor_id, bureau_id, officer_id, source, industry, intended_amount, next_follow_up_at, last_contact_at, status, created_by_id, created_at, registered_at)
     SELECT i.id, i.created_by_bureau_id, i.created_by_id, 'visit', '新材料', (1000 + (hashtext(i.name) & 1023) * 10)::numeric(14,2),
            (i.created_at + interval '30 days')::date, NULL,
            CASE WHEN hashtext(i.id::text) % 20 = 0 THEN 'dropped' ELSE 'open' END, i.created_by_id, i.created_at,
            (i.created_at AT TIME ZONE 'Asia/Shanghai')::date
       FROM investor i`,
  );
  await client.query(
    `INSERT INTO bench_lead (id, bureau_id, officer_id) SELECT id, bureau_id, officer_id FROM lead ORDER BY created_at, id`,
  );
  const leadCount = Number((await client.query('SELECT count(*) FROM bench_lead')).rows[0].count);

  await step('visits', size.visits, async (from, to) => {
    await client.query(
      `INSERT INTO visit (lead_id, bureau_id, officer_id, date, kind, leader_led, summary)
       SELECT l.id, l.bureau_id, l.officer_id, make_date($3, 1, 1) + ((g::bigint * 7919) % $4)::int,
              (ARRAY['outbound', 'inbound', 'call', 'fair'])[1 + g % 4], g % 10 = 0, '基准走访：介绍投资环境，了解企业扩产计划'
         FROM generate_series($1::int, $2::int) g JOIN bench_lead l ON l.n = 1 + ((g::bigint * 104729) % $5)::int`,
      [from, to, year, days, leadCount],
    );
  });
  await client.query(
    `UPDATE lead l SET last_contact_at = v.last FROM (SELECT lead_id, max(date) AS last FROM visit GROUP BY lead_id) v WHERE v.lead_id = l.id`,
  );

  // projects: stage k of reserve … operating by number; every stage entered has its event, dated in order
  await step('projects & events', size.projects, async (from, to) => {
    await client.query(
      `WITH p AS (
         INSERT INTO project (name, investor_id, bureau_id, industry, planned_investment, planned_start_month, officer_id, stage,
                              signed_at, signed_amount, agreement_type, registered_at, local_company_uscc, started_at, operating_at, created_by_id)
         SELECT '基准项目' || g, l.investor_id, l.bureau_id, '新材料', (5000 + g % 50 * 500)::numeric(14,2),
                to_char(make_date($3, 1, 1) + (g % 300) * interval '1 day', 'YYYY-MM'), l.officer_id, s.stage,
                CASE WHEN s.k >= 2 THEN d.base + 20 END, CASE WHEN s.k >= 2 THEN (8000 + g % 40 * 250)::numeric(14,2) END,
                CASE WHEN s.k >= 2 THEN 'formal' END,
                CASE WHEN s.k >= 3 THEN d.base + 40 END, CASE WHEN s.k >= 3 THEN '91210900MA0BENCH0' || (g % 10) END,
                CASE WHEN s.k >= 4 THEN d.base + 60 END, CASE WHEN s.k >= 5 THEN d.base + 80 END, l.officer_id
           FROM generate_series($1::int, $2::int) g
           JOIN lead l ON l.id = (SELECT id FROM bench_lead WHERE n = 1 + ((g::bigint * 31) % $5)::int)
           CROSS JOIN LATERAL (SELECT g % 6 AS k, (ARRAY['reserve','negotiating','signed','registered','started','operating'])[1 + g % 6] AS stage) s
           CROSS JOIN LATERAL (SELECT make_date($3, 1, 1) + ((g::bigint * 13) % greatest($4 - 90, 1))::int AS base) d
         RETURNING id, stage, signed_at, registered_at, started_at, operating_at, officer_id, created_at)
       INSERT INTO project_stage_event (project_id, seq, from_stage, to_stage, business_date, actor_id, counts_as_signing)
       SELECT p.id, e.seq, e.from_stage, e.to_stage, e.day, p.officer_id, e.to_stage = 'signed'
         FROM p CROSS JOIN LATERAL (VALUES
                (1, NULL, 'reserve', COALESCE(p.signed_at - 20, p.created_at::date)),
                (2, 'reserve', 'negotiating', COALESCE(p.signed_at - 10, p.created_at::date)),
                (3, 'negotiating', 'signed', p.signed_at),
                (4, 'signed', 'registered', p.registered_at),
                (5, 'registered', 'started', p.started_at),
                (6, 'started', 'operating', p.operating_at)) AS e(seq, from_stage, to_stage, day)
        WHERE e.seq <= array_position(ARRAY['reserve','negotiating','signed','registered','started','operating'], p.stage)`,
      [from, to, year, days, leadCount],
    );
  });
  await client.query(
    `INSERT INTO project_fund (project_id, month, amount, recorded_by_id)
     SELECT p.id, to_char(p.registered_at + m * interval '1 month', 'YYYY-MM'), (500 + (hashtext(p.name) & 255) * 5)::numeric(14,2), p.officer_id
       FROM project p CROSS JOIN generate_series(0, 2) m
      WHERE p.registered_at IS NOT NULL AND p.registered_at + m * interval '1 month' <= $1::date`,
    [lastDay],
  );
  await seedChain(client, year, days, bureauCount, leadCount);
  await client.query('DROP TABLE bench_lead');
  await client.query('DROP TABLE bench_bureau');
  await client.query('ANALYZE');
}

/**
 * One industry chain of 50 links (上游 15, 中游 20, 下游 15, each segment a tree under its first link) and 5,000
 * target companies spread over the links and the bureaus: three in ten already turned into a lead of a seeded
 * investor (assigned to that lead's bureau, listed up to a month before it was registered), one in twenty of the
 * others not yet assigned. 1,000 investors, 1,000 leads and one project in forty are tagged with a link. Reads the
 * seeding's bench_bureau and bench_lead tables.
 */
async function seedChain(client: Client, year: number, days: number, bureauCount: number, leadCount: number) {
  const progress = new Progress('industry chain', BENCH_CHAIN.targets);
  progress.update(0);
  const [{ id: chainId }] = (
    await client.query<{ id: string }>(
      `INSERT INTO industry_chain (name, description) VALUES ($1, '基准数据：上中下游五十个环节及其招商目标企业') RETURNING id`,
      [BENCH_CHAIN.name],
    )
  ).rows;
  const creator = `(SELECT officer_id FROM bench_bureau WHERE idx = 0)`;
  // segment s of link n, and f, the first link of its segment (the segment's root)
  await client.query(
    `CREATE TABLE bench_link AS
       SELECT n, gen_random_uuid() AS id, s, f, CASE WHEN n = f THEN NULL ELSE f + (n - f - 1) / 3 END AS parent_n
         FROM generate_series(1, $1::int) n
        CROSS JOIN LATERAL (SELECT CASE WHEN n <= $1 * 3 / 10 THEN 1 WHEN n <= $1 * 7 / 10 THEN 2 ELSE 3 END AS s) seg
        CROSS JOIN LATERAL (SELECT CASE s WHEN 1 THEN 1 WHEN 2 THEN $1 * 3 / 10 + 1 ELSE $1 * 7 / 10 + 1 END AS f) root`,
    [BENCH_CHAIN.links],
  );
  await client.query(`CREATE UNIQUE INDEX ON bench_link (n)`);
  await client.query(
    `INSERT INTO chain_link (id, chain_id, parent_id, segment, name, key_products, status, sort_order, created_at)
     SELECT k.id, $1, p.id, (ARRAY['upstream', 'midstream', 'downstream'])[k.s],
            (ARRAY['上游', '中游', '下游'])[k.s] || '环节' || lpad(k.n::text, 2, '0'),
            CASE WHEN k.n = k.f THEN NULL ELSE '基准产品' || k.n END,
            (ARRAY['strong', 'weak', 'missing', 'extend'])[1 + k.n % 4], k.n, make_date($2, 1, 1)
       FROM bench_link k LEFT JOIN bench_link p ON p.n = k.parent_n`,
    [chainId, year],
  );
  await client.query(
    `INSERT INTO chain_target (link_id, name, normalized_name, tier, region, reason, bureau_id, investor_id, lead_id,
                               listed_on, created_by_id)
     SELECT k.id, COALESCE(i.name, '基准目标企业' || g || '有限公司'), COALESCE(i.normalized_name, '基准目标企业' || g),
            CASE WHEN g % 50 = 7 THEN 'chain_leader' ELSE (ARRAY['head', 'listed', 'specialized', 'other'])[1 + g % 4] END,
            (ARRAY['江苏省苏州市', '广东省深圳市', '浙江省宁波市', '上海市', '北京市', '辽宁省沈阳市'])[1 + g % 6],
            '链上配套企业，有扩产或转移意向',
            CASE WHEN l.id IS NOT NULL THEN l.bureau_id WHEN g % 20 = 5 THEN NULL ELSE bb.bureau_id END, i.id, l.id,
            CASE WHEN l.id IS NOT NULL THEN greatest(make_date($2, 1, 1), l.registered_at - g % 30)
                 ELSE make_date($2, 1, 1) + ((g::bigint * 17) % $3)::int END,
            ${creator}
       FROM generate_series(1, $1::int) g
       JOIN bench_link k ON k.n = 1 + g % $6
       JOIN bench_bureau bb ON bb.idx = g % $4
       LEFT JOIN bench_lead bl ON g % 10 < 3 AND bl.n = 1 + ((g::bigint * 7919) % $5)::int
       LEFT JOIN lead l ON l.id = bl.id
       LEFT JOIN investor i ON i.id = l.investor_id
     ON CONFLICT (link_id, normalized_name) DO NOTHING`,
    [BENCH_CHAIN.targets, year, days, bureauCount, leadCount, BENCH_CHAIN.links],
  );
  // tags, each by the officer of the record's bureau
  await client.query(
    `INSERT INTO chain_tag (link_id, record_kind, record_id, created_by_id)
     SELECT k.id, 'investor', l.investor_id, bl.officer_id FROM generate_series(1, 1000) g
       JOIN bench_lead bl ON bl.n = 1 + ((g::bigint * 65537 + 11) % $1)::int JOIN lead l ON l.id = bl.id
       JOIN bench_link k ON k.n = 1 + (g * 7) % $2
     UNION ALL
     SELECT k.id, 'lead', bl.id, bl.officer_id FROM generate_series(1, 1000) g
       JOIN bench_lead bl ON bl.n = 1 + ((g::bigint * 48271 + 5) % $1)::int
       JOIN bench_link k ON k.n = 1 + (g * 13) % $2
     UNION ALL
     SELECT k.id, 'project', p.id, p.officer_id
       FROM (SELECT id, officer_id, row_number() OVER (ORDER BY id) AS n FROM project) p
       JOIN bench_link k ON k.n = 1 + (p.n / 40 * 11) % $2
      WHERE p.n % 40 = 0
     ON CONFLICT (link_id, record_kind, record_id) DO NOTHING`,
    [leadCount, BENCH_CHAIN.links],
  );
  await client.query('DROP TABLE bench_link');
  progress.update(BENCH_CHAIN.targets);
}
