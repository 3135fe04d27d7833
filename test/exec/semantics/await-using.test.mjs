// Runtime semantics, the `await using` row: an initializer whose static type is,
// or derives from, a tagged class is awaited on entry (same module or imported,
// `new` or a factory, in loops, several declarators, `for (await using x of xs)`);
// if init fails the body does not run and nothing is disposed; disposal order
// stays the language's (reverse).
// Program: programs/await-using (main.ts, and resources.ts: an imported tagged
// class, a factory, and a tagged subclass).
import { program, scenario } from "./scenario.mjs";

scenario("await using awaits tagged instances on entry and disposes them in reverse", program("await-using/main.ts"), {
  // Only the await using of the classes without a teardown (Bare, BareFailing) may fail to
  // type-check (TS2851: their declared type has no [Symbol.asyncDispose]); only a checker reports it.
  allowErrors: (p) => p.code === 2851 && /\bbare/i.test(p.lineText),
});
