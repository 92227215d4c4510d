import Fastify, { FastifyInstance } from 'fastify';
import { Pool } from 'pg';

/** What a baseline inserts a row into. */
export type BareTable = 'visit' | 'minimal';

/** The minimal baseline's table: a primary key and two indexes, as small as a useful table gets. */
export const MINIMAL_TABLE = 'bench_minimal_visit';

/** Creates the minimal baseline's table, empty, if it is not there (bench.ts calls it once per run). */
export function minimalTableDdl(): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${MINIMAL_TABLE} (
       id bigserial PRIMARY KEY, lead_id uuid NOT NULL, date date NOT NULL, kind text NOT NULL, summary text NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS ${MINIMAL_TABLE}_lead ON ${MINIMAL_TABLE} (lead_id)`,
    `CREATE INDEX IF NOT EXISTS ${MINIMAL_TABLE}_date ON ${MINIMAL_TABLE} (date)`,
  ];
}

const INSERTS: Record<BareTable, string> = {
  visit: `INSERT INTO visit (lead_id, bureau_id, officer_id, date, kind, summary) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
  minimal: `INSERT INTO ${MINIMAL_TABLE} (lead_id, date, kind, summary) VALUES ($1, $2, $3, $4) RETURNING id`,
};

/**
 * The yardsticks for write throughput: a bare Fastify route that inserts one row with one statement — no
 * authentication, validation, audit, rollup or log. `visit` inserts the CRM's own visit row (its table with all
 * its indexes and constraints); `minimal` a row of the same content into a table with a primary key and two
 * indexes. The CRM's POST /visits is measured against both.
 */
export async function startBareServer(
  databaseUrl: string,
  poolSize: number,
  table: BareTable,
): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
  const app: FastifyInstance = Fastify({ logger: false });
  const insert = INSERTS[table];
  app.post('/visits', async (request, reply) => {
    const body = request.body as {
      leadId: string;
      bureauId: string;
      officerId: string;
      date: string;
      kind: string;
      summary: string;
    };
    const values =
      table === 'visit'
        ? [body.leadId, body.bureauId, body.officerId, body.date, body.kind, body.summary]
        : [body.leadId, body.date, body.kind, body.summary];
    const result = await pool.query(insert, values);
    return reply.status(201).send({ id: result.rows[0].id });
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}
