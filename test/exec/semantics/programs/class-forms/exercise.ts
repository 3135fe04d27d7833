// The contract every class form must keep, shared by the class-forms, standard-decorators
// and legacy-decorators scenarios: the same steps on an instance of each form.
import { drain, same, reasonOf, awaiting, returning } from "../checks.js";

export type Probe = { initCalls: number; teardowns: number; [Symbol.asyncDispose](): Promise<void> };

/** One instance through the contract: lazy init, once, identity, then undefined, shared dispose, no await after. */
export async function exercise(x: Probe, what: string) {
  await drain();
  same(x.initCalls, 0, what + ": init calls after construction");
  const got = await Promise.all([awaiting(x), Promise.resolve(x), returning(x), awaiting(x)]);
  same(got.every((value) => value === x), true, what + ": every waiter got x itself");
  same(x.initCalls, 1, what + ": init calls");
  same((x as any).then, undefined, what + ": x.then after init");
  const disposal = x[Symbol.asyncDispose]();
  same(x[Symbol.asyncDispose](), disposal, what + ": a second dispose call's promise");
  await disposal;
  same(x.teardowns, 1, what + ": teardowns");
  const reason = await reasonOf(awaiting(x));
  same(reason instanceof ReferenceError, true, what + ": await after dispose rejects with a ReferenceError");
  same(x.initCalls, 1, what + ": init calls at the end");
}

/** Dispose before init: no teardown, and init never starts. */
export async function disposeFirst(x: Probe, what: string) {
  await x[Symbol.asyncDispose]();
  await reasonOf(awaiting(x));
  same(x.initCalls + x.teardowns, 0, what + ": init calls and teardowns after dispose before init");
}

/** Inside an await using block: the instance must be ready. */
export function inBody(x: Probe, what: string) {
  same(x.initCalls, 1, what + ": init calls in the body");
  same((x as any).then, undefined, what + ": x.then in the body");
}
