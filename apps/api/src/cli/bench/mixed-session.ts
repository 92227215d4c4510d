/**
 * A mixed session of many people at once, run as a child process of bench.ts (so that its own memory and event
 * loop are not the api's): a few connections, each going round one fixed cycle of requests — lists with
 * filters, rankings of each period, the report view, XLSX and CSV exports, sign-ins — and, every
 * `burstEverySeconds`, `burstSize` sign-ins at once. Every sign-in is a different person from an address of
 * their own (X-Forwarded-For through the api's trusted proxy), as staff signing in across the district are.
 * It sends back, per kind of request, how many were answered and how (status counts).
 */

export interface MixedPerson {
  username: string;
  password: string;
  /** The address this person signs in from (X-Forwarded-For). */
  address: string;
}

export interface MixedRequest {
  url: string;
  /** Signed-in staff users' authorization headers, the reads taken by each in turn. */
  readers: Record<string, string>[];
  /** People who sign in, each in turn. */
  people: MixedPerson[];
  lists: string[];
  rankings: string[];
  reportView: string;
  xlsxExport: string;
  csvExports: string[];
  seconds: number;
  connections: number;
  burstEverySeconds: number;
  burstSize: number;
}

export type MixedKind = 'list' | 'ranking' | 'report view' | 'XLSX export' | 'CSV export' | 'sign-in';

export interface MixedKindResult {
  answered: number;
  failed: number;
  /** How many answered with each status ('error' when there was no answer). */
  statuses: Record<string, number>;
  /** Response body bytes received. */
  bytes: number;
}

export interface MixedResult {
  kinds: Record<MixedKind, MixedKindResult>;
  bursts: number;
  seconds: number;
}

/** One connection's cycle: mostly lists and rankings, a report view, an export of each kind, one sign-in. */
const CYCLE: MixedKind[] = [
  'list',
  'ranking',
  'list',
  'report view',
  'list',
  'ranking',
  'CSV export',
  'list',
  'ranking',
  'sign-in',
  'list',
  'ranking',
  'list',
  'XLSX export',
  'list',
  'ranking',
];

process.once('message', (request: MixedRequest) => {
  void run(request).then(
    (result) => {
      process.send?.(result);
      process.exit(0);
    },
    (error: unknown) => {
      process.send?.({ error: String(error) });
      process.exit(1);
    },
  );
});

async function run(request: MixedRequest): Promise<MixedResult> {
  const kinds = Object.fromEntries(
    (['list', 'ranking', 'report view', 'XLSX export', 'CSV export', 'sign-in'] as MixedKind[]).map((kind) => [
      kind,
      { answered: 0, failed: 0, statuses: {}, bytes: 0 },
    ]),
  ) as Record<MixedKind, MixedKindResult>;
  const started = Date.now();
  const until = started + request.seconds * 1000;
  const counters = { reads: 0, signIns: 0, lists: 0, rankings: 0, csv: 0 };

  const send = async (kind: MixedKind, path: string, init: RequestInit = {}): Promise<void> => {
    const tally = kinds[kind];
    let status: string;
    try {
      const response = await fetch(`${request.url}${path}`, init);
      status = String(response.status);
      // every body is read to its end, as a browser does (an export streams)
      tally.bytes += (await response.arrayBuffer()).byteLength;
      if (!response.ok) tally.failed += 1;
    } catch {
      status = 'error';
      tally.failed += 1;
    }
    tally.answered += 1;
    tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
  };
  const pick = <T>(items: T[], n: number) => items[n % items.length];
  const signIn = () => {
    const person = pick(request.people, counters.signIns++);
    return send('sign-in', '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': person.address },
      body: JSON.stringify({ username: person.username, password: person.password }),
    });
  };
  const next = (kind: MixedKind): Promise<void> => {
    const headers = pick(request.readers, counters.reads++);
    switch (kind) {
      case 'list':
        return send(kind, pick(request.lists, counters.lists++), { headers });
      case 'ranking':
        return send(kind, pick(request.rankings, counters.rankings++), { headers });
      case 'report view':
        return send(kind, request.reportView, { headers });
      case 'XLSX export':
        return send(kind, request.xlsxExport, { headers });
      case 'CSV export':
        return send(kind, pick(request.csvExports, counters.csv++), { headers });
      case 'sign-in':
        return signIn();
    }
  };

  const connection = async (offset: number) => {
    for (let step = offset; Date.now() < until; step++) await next(CYCLE[step % CYCLE.length]);
  };
  let bursts = 0;
  const burstsDone: Promise<unknown>[] = [];
  // the first burst comes a few seconds in, then one every burstEverySeconds
  const burstAt = (n: number) =>
    started + Math.min(5, request.seconds / 4) * 1000 + n * request.burstEverySeconds * 1000;
  const burster = async () => {
    for (;;) {
      const wait = burstAt(bursts) - Date.now();
      if (burstAt(bursts) >= until) return;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      bursts += 1;
      burstsDone.push(Promise.all(Array.from({ length: request.burstSize }, () => signIn())));
    }
  };
  await Promise.all([
    ...Array.from({ length: request.connections }, (_, k) =>
      connection(Math.floor((k * CYCLE.length) / request.connections)),
    ),
    burster(),
  ]);
  await Promise.all(burstsDone);
  return { kinds, bursts, seconds: (Date.now() - started) / 1000 };
}
