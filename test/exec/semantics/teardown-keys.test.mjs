// A teardown keyed by an alias of Symbol.asyncDispose is the class's teardown: the
// checker resolves the key (a const of the module, one imported from another module,
// a property of an object, `Symbol` under another name). It is kept and run by the
// plumbing (after init, once, only if init succeeded) instead of being replaced by
// the generated dispose (which never ran it). Compiled for every cell of MATRIX. Members keyed by other symbols stay as
// written. What cannot work (an accessor, a key whose type does not tell) is an error:
// see test/diagnostics.test.mjs.
// Program: programs/teardown-keys (main.ts, and keys.ts: keys imported from another module).
import { program, scenario } from "./scenario.mjs";

scenario("a teardown keyed by an alias of Symbol.asyncDispose is recognised and run by the plumbing", program("teardown-keys/main.ts"), {
  // The aliases (an imported const, a static property, Symbol under another name) are
  // followed through the type checker (TS46020 when they cannot be): typed only.
  backEnds: ["typed"],
});
