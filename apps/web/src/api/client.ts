import createClient from 'openapi-fetch';
import { toApiError } from './errors';
import type { paths } from './schema';
import { session } from './session';

/**
 * The typed client of the API, generated from its OpenAPI document (`npm run api:types`). Paths are the API's own
 * (`/api/v1/leads`); every call carries the session's token and a POST its Idempotency-Key.
 */
export const api = createClient<paths>({ baseUrl: '', fetch: session.fetch });

type Answer<D> = { data?: D; error?: unknown; response: Response };

/**
 * The data of a call, or an ApiError with the API's Chinese message and fields:
 * `const page = await data(api.GET('/api/v1/leads', { params: { query } }))`.
 */
export async function data<D>(call: Promise<Answer<D>>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(error, response);
  return data as D;
}

/** A file the API answers (exports, reports, templates), with the name from its Content-Disposition. */
export async function download(call: Promise<Answer<unknown>>): Promise<{ blob: Blob; fileName: string }> {
  const { error, response } = await call;
  if (!response.ok) throw toApiError(error, response);
  return {
    blob: await response.blob(),
    fileName: fileNameOf(response.headers.get('content-disposition')) ?? 'download',
  };
}

/** Hands a downloaded file to the browser as a save. */
export function saveFile({ blob, fileName }: { blob: Blob; fileName: string }): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name of a Content-Disposition header, preferring the UTF-8 `filename*` form (Chinese names). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) return decodeURIComponent(extended[1]);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? null;
}
