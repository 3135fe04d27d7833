// Misuse that compiled and then misbehaved is now an error (TS46002, TS46007, see
// test/diagnostics.test.mjs), and the class with the error is emitted as written,
// so what runs is what the checker saw:
// - a tagged class whose base class has a `then`: `await new Db()` goes through the
//   base's then, as the checker types it (before: the generated then yielded the
//   instance, against the types);
// - an init that resolves with the instance although its type does not say so
//   (`Promise<unknown>`, `Promise<any>`, `new Promise` resolved with `this`): nothing
//   waits for itself any more (before: the program hung forever).
// Program: programs/misuse/main.ts (left out of test/tsconfig.json: it has these errors on purpose).
import { program, scenario } from "./scenario.mjs";

scenario("misuse that compiled and then misbehaved is an error, and runs as written", program("misuse/main.ts"), {
  // Without a checker too: the base class is in the same file, and init's body returns `this`.
  allowErrors: (p) => p.code === 46002 || p.code === 46007,
});
