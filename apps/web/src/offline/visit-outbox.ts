import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import { ref } from 'vue';
import { api, data } from '@/api/client';
import { ApiError, isNetworkError, messageOf } from '@/api/errors';
import type { components } from '@/api/schema';

export type VisitBody = components['schemas']['CreateVisitDto'];

/** A visit saved on this device and not yet accepted by the server. */
export interface PendingVisit {
  /** Its Idempotency-Key, made when it was saved: every send of it carries this key. */
  key: string;
  userId: string;
  investorName: string;
  body: VisitBody;
  savedAt: string;
  /** `waiting` until sent; `conflict` when the server refused it (lead transferred, 撞单), with its message. */
  state: 'waiting' | 'conflict';
  problem?: string;
}

let store: UseStore | undefined;
const db = () => (store ??= createStore('haizhou-offline', 'visits'));

/** The pending visits of this device, for the page to show (待同步 / the conflict). */
export const pendingVisits = ref<PendingVisit[]>([]);

async function refresh(userId: string): Promise<void> {
  const all = (await entries<string, PendingVisit>(db())).map(([, visit]) => visit);
  pendingVisits.value = all.filter((v) => v.userId === userId).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

/** Keeps a visit that could not be sent; it goes out with its own key when the network returns. */
export async function keepVisit(visit: Omit<PendingVisit, 'state' | 'savedAt'>): Promise<void> {
  await set(visit.key, { ...visit, state: 'waiting', savedAt: new Date().toISOString() } satisfies PendingVisit, db());
  await refresh(visit.userId);
}

/** Drops a refused visit the user has read (its content is shown to copy before). */
export async function discardVisit(visit: PendingVisit): Promise<void> {
  await del(visit.key, db());
  await refresh(visit.userId);
}

let running: Promise<number> | null = null;

/**
 * Sends the waiting visits of a user, one at a time, each with its own Idempotency-Key. A visit whose first send
 * reached the server before the connection dropped is answered with the visit already saved, so it is saved once.
 * A refusal (4xx) stays on the visit as a conflict; a network failure stops the round, to try again later.
 * Returns how many were accepted. One round runs at a time.
 */
export function syncVisits(userId: string): Promise<number> {
  running ??= (async () => {
    let sent = 0;
    try {
      await refresh(userId);
      for (const visit of pendingVisits.value.filter((v) => v.state === 'waiting')) {
        try {
          await data(
            api.POST('/api/v1/visits', { body: visit.body, params: { header: { 'Idempotency-Key': visit.key } } }),
          );
          await del(visit.key, db());
          sent++;
        } catch (error) {
          if (isNetworkError(error) || (error instanceof ApiError && (error.status >= 500 || error.status === 401))) {
            break;
          }
          if (error instanceof ApiError && error.code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS') break;
          await set(visit.key, { ...visit, state: 'conflict', problem: messageOf(error) } satisfies PendingVisit, db());
        }
      }
    } finally {
      await refresh(userId);
      running = null;
    }
    return sent;
  })();
  return running;
}

/** Loads the pending visits of a user (on opening the page). */
export function loadPendingVisits(userId: string): Promise<void> {
  return refresh(userId);
}
