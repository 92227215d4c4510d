/** The failure of `withinTime`: the work did not settle in time. */
export class TimeoutError extends Error {}

/**
 * The outcome of `work`, or a TimeoutError once `ms` have passed (`what` names the work in its message). For
 * promises that take no abort signal (a driver's connect, a Redis command): the work itself goes on, only the
 * wait ends. The deadline is an `AbortSignal.timeout`, which keeps no process alive.
 */
export function withinTime<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  const deadline = AbortSignal.timeout(ms);
  return new Promise<T>((resolve, reject) => {
    const late = () => reject(new TimeoutError(`${what} did not finish within ${ms} ms`));
    deadline.addEventListener('abort', late, { once: true });
    work.then(
      (value) => {
        deadline.removeEventListener('abort', late);
        resolve(value);
      },
      (error: unknown) => {
        deadline.removeEventListener('abort', late);
        reject(error as Error);
      },
    );
  });
}
