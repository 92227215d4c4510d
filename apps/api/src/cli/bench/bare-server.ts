import Fastify, { FastifyInstance } from 'fastify';
import { Pool } from 'pg';

/**
 * The yardstick for write throughput: a bare Fastify route that inserts the same visit row with one
 * statement — no authentication, validation, audit or rollup. The CRM's POST /visits is measured against it.
 */
export async function startBareServer(
  databaseUrl: string,
  poolSize: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
  const app: FastifyInstance = Fastify({ logger: false });
  app.post('/visits', async (request, reply) => {
    const body = request.body as {
      leadId: string;
      bureauId: string;
      officerId: string;
      date: string;
      kind: string;
      summary: string;
    };
    const result = await pool.query(
      `INSERT INTO visit (lead_id, bureau_id, officer_id, date, kind, summary) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [body.leadId, body.bureauId, body.officerId, body.date, body.kind, body.summary],
    );
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
