// Re-entrancy, in every state of the runtime table: awaiting, disposing and failing
// from inside init and from inside the teardown.
//
// - An instance awaited from inside its own init (directly, through a method or a
//   helper that awaits it, at a typed site or through its then, before or after
//   init's first await), or two or three instances whose inits await each other:
//   init runs once, and the await rejects with a TypeError that names the class and
//   says why, instead of a stack overflow (typed site) or a silent deadlock (then).
// - Dispose requested from inside init (its synchronous part or later) still waits
//   for init, then tears down; init awaiting its own dispose rejects.
// - Inside the teardown, awaiting the instance rejects (dispose was requested), a
//   second dispose gets the same promise, and awaiting it rejects.
// - What must keep working: an outside waiter, a method that awaits the instance
//   called from outside ("make sure I am ready"), inits that await other instances.
// Program: programs/reentrancy/main.ts.
import { program, scenario } from "./scenario.mjs";

scenario("re-entrancy: awaiting, disposing and failing from inside init and inside the teardown", program("reentrancy/main.ts"));
