/**
 * "Said once per process", across the two threads that may each find a file that
 * was not rewritten: the hooks thread of `module.register()` and the app's own
 * (./require.ts). The flag is made in the app's thread, in memory both threads share;
 * ./index.ts hands it to the hooks thread with the registration (`data`, read by the hooks'
 * `initialize`).
 */

let flag: Int32Array = new Int32Array(new SharedArrayBuffer(4));

/** This thread's flag: in the app's thread, the one ./index.ts hands to the hooks thread. */
export const onceFlag = (): Int32Array => flag;

/** Uses the flag of the app's thread (in the hooks thread, from `initialize`). */
export function shareOnce(shared: Int32Array): void {
  flag = shared;
}

/** Whether firstTime has been called in the process already (the message is said): a file need not be read to decide. */
export const saidAlready = (): boolean => Atomics.load(flag, 0) !== 0;

/** True the first time it is called in the process, false after. */
export function firstTime(): boolean {
  return Atomics.compareExchange(flag, 0, 0, 1) === 0;
}
