/**
 * "Said once per process", across the two threads that may each find a file that
 * was not rewritten: the hooks thread of `module.register()` and the app's own
 * (./require.ts). ./index.ts makes the flag, in memory both threads share, and
 * hands it to the hooks thread with the registration (`data`, read by the hooks'
 * `initialize`).
 */

export function newOnceFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

let flag = newOnceFlag();

/** Uses the process's flag, made by ./index.ts in the app's thread. */
export function shareOnce(shared: Int32Array): void {
  flag = shared;
}

/** True the first time it is called in the process, false after. */
export function firstTime(): boolean {
  return Atomics.compareExchange(flag, 0, 0, 1) === 0;
}
