// Runtime semantics, the visible-shape row: an instance of a tagged class has the
// same own keys, descriptors, JSON, spread and prototype chain as an instance of
// the same class without the tag, and the class the same name, length and static
// members. Sealed instances, and instances frozen after init, still work.
//
// Program: programs/shape. The same classes are written twice: tagged.ts (with the
// tags) and plain.ts (without), and main.ts compares the two at each stage of an
// instance's life. Below ES2015, where `#secret` does not compile, tagged.es5.ts
// and plain.es5.ts stand in, with a TypeScript `private` field instead.
import test from "ava";
import { program, readProgramFile, scenario } from "./scenario.mjs";

const untagged = (text) => text.replace(/^\/\*\* @asyncInit \*\/\n/gm, "");

test("the shape program's plain.ts is its tagged.ts without the tags (and so are their ES5 stand-ins)", (t) => {
  for (const suffix of [".ts", ".es5.ts"]) {
    const tagged = readProgramFile(`shape/tagged${suffix}`);
    t.not(untagged(tagged), tagged, `tagged${suffix} has tags`);
    t.is(readProgramFile(`shape/plain${suffix}`), untagged(tagged), `plain${suffix}`);
  }
});

scenario("an instance and its class look the same as without the tag; sealed and frozen instances work", program("shape/main.ts"));
