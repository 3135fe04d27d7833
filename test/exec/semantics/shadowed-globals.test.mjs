// Shadowed globals, generated: every global the plumbing uses by name
// (PLUMBING_GLOBALS), hidden at the top level of a module in every way a module can
// bind a name (class, const, let, function, var in a block, enum, namespace,
// import), one module per name and way, each with a tagged class. Bound to a hostile
// value that throws when touched, the name must not reach the plumbing: every module
// loads, its instances are awaited and disposed as usual, and the plumbing's errors
// are the real ReferenceError and TypeError. Then random modules (fast-check, fixed
// seed) that hide several names at once, and classes in functions that hide `Symbol`
// and `undefined` around the class (the generated members name neither).
// Compiled for every target and module kind (MATRIX); output for CommonJS leaves
// `Object` hidden only by an import: TypeScript's own CommonJS output calls
// `Object.defineProperty` at the top of every module. The modules they import
// (real.ts, hostile.ts, nested.ts) are in programs/shadowed-globals; the others
// are generated here, into the same folder of the compiled program.

import { createRequire } from "node:module";
import fc from "fast-check";
import { MATRIX } from "../../support/project.mjs";
import { readProgramFile, scenario } from "./scenario.mjs";

const require = createRequire(import.meta.url);
const { PLUMBING_GLOBALS } = require("../../../dist/plumbing/index.js");

const FORMS = ["class", "const", "let", "function", "var in a block", "enum", "namespace", "import"];

/** The statement that binds `name` at the top level of a module, in the given way, to something hostile. */
function binding(name, form) {
  switch (form) {
    case "class":
      return `class ${name} { constructor() { throw new Error("the module's own ${name}"); } static for() { throw new Error("the module's own ${name}"); } }`;
    case "const":
      return `const ${name}: any = hostile("${name}");`;
    case "let":
      return `let ${name}: any = hostile("${name}");`;
    case "function":
      return `function ${name}(): never { throw new Error("the module's own ${name}"); }`;
    case "var in a block":
      return `if (Math.random() < 2) { var ${name}: any = hostile("${name}"); }`;
    case "enum":
      return `enum ${name} { Own }`;
    case "namespace":
      return `namespace ${name} { export const own = hostile("${name}"); }`;
    case "import":
      return `import ${name} from "./hostile.js";`;
  }
  throw new Error(form);
}

/** A module that hides `names` (with the given ways) and exports a tagged class made of real globals only. */
function shadowingModule(bindings) {
  const imports = bindings.filter(([, form]) => form === "import").map(([name, form]) => binding(name, form));
  const others = bindings.filter(([, form]) => form !== "import").map(([name, form]) => binding(name, form));
  // No async function here: TypeScript reserves the name Promise in a module that has one, below ES2017.
  return `${imports.join("\n")}
import { hostile, real, asyncDispose } from "./real.js";
${others.join("\n")}

/** @asyncInit */
export class Db {
  initCalls = 0;
  teardowns = 0;
  signal: unknown = undefined;
  constructor(readonly mode: "ok" | "fail" | "self" = "ok") {}
  init(signal: AbortSignal) {
    this.initCalls++;
    this.signal = signal;
    if (this.mode === "fail") throw new real.Error("init failed");
    // Resolving a promise with the instance inside init is awaiting it from inside init.
    if (this.mode === "self") return real.Promise.resolve(this as unknown).then(() => undefined);
    return undefined;
  }
  [asyncDispose]() {
    this.teardowns++;
    return undefined;
  }
}
`;
}

/** The modules of the program for one module kind: name → [module file, bindings]. */
function modules(commonjs) {
  const cases = [];
  for (const name of PLUMBING_GLOBALS) {
    for (const form of FORMS) {
      if (commonjs && name === "Object" && form !== "import") continue; // see above
      cases.push([`${name} as ${form}`, [[name, form]]]);
    }
  }
  // Several names at once, in random ways (reproducible: fixed seed).
  const names = commonjs ? PLUMBING_GLOBALS.filter((n) => n !== "Object") : PLUMBING_GLOBALS;
  const many = fc.sample(
    fc.uniqueArray(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...FORMS)), { minLength: 2, maxLength: names.length, selector: ([name]) => name }),
    { numRuns: 6, seed: 9 },
  );
  many.forEach((bindings, i) => cases.push([`several names ${i + 1}: ${bindings.map(([n, f]) => `${n} as ${f}`).join(", ")}`, bindings]));
  return cases.map(([title, bindings], i) => ({ title, file: `shadow${i}.ts`, bindings }));
}

/** main.ts: the same checks for every module's class. */
function program(cases) {
  const imports = cases.map((_, i) => `import { Db as Db${i} } from "./shadow${i}.js";`).join("\n");
  const checks = cases
    .map(
      (c, i) => `
check("${c.title}: await runs init once with a real AbortSignal, then the instance is plain", async () => {
  const x = new Db${i}();
  same(await x, x, "await x");
  same(await awaiting(x as unknown), x, "await through then");
  same(x.initCalls, 1, "init calls");
  same(x.signal instanceof real.AbortSignal, true, "init's argument is an AbortSignal");
  same((x as any).then, undefined, "then once ready");
});
check("${c.title}: dispose tears down once; then awaiting rejects with a real ReferenceError", async () => {
  const x = await new Db${i}();
  const first = (x as any)[asyncDispose]();
  same((x as any)[asyncDispose](), first, "the same promise");
  await first;
  same(x.teardowns, 1, "teardowns");
  const reason = await reasonOf(awaiting(x as unknown));
  same(reason instanceof real.ReferenceError, true, "a ReferenceError: " + describe(reason));
});
check("${c.title}: a failed init and an init that awaits its instance reject with real errors", async () => {
  const failed = new Db${i}("fail");
  same(((await reasonOf(awaiting(failed))) as Error).message, "init failed", "init's own error");
  const itself = await reasonOf(awaiting(new Db${i}("self")));
  same(itself instanceof real.TypeError, true, "a TypeError: " + describe(itself));
});`,
    )
    .join("\n");
  return `import { check, run, same, reasonOf, awaiting, isDisposedError, describe } from "../checks.js";
${imports}
import { real, asyncDispose } from "./real.js";
import { make } from "./nested.js";
${checks}
${NESTED_CHECKS}
run();
`;
}

// The class of nested.ts, awaited and disposed.
const NESTED_CHECKS = `
check("a class in a function that hides Symbol, in a module that hides undefined: await and dispose work", async () => {
  const x = make();
  same(await x, x, "await x");
  same(x.initCalls, 1, "init calls");
  await (x as any)[Symbol.asyncDispose]();
  isDisposedError(await reasonOf(awaiting(x as unknown)), "Inner", "await after dispose");
});`;

/** The files of the program for one module kind: the fixed modules, and one generated module per case. */
function files(cases) {
  const folder = "shadowed-globals/";
  const fixed = ["real.ts", "hostile.ts", "nested.ts"].map((name) => [folder + name, readProgramFile(folder + name)]);
  const generated = cases.map((c) => [folder + c.file, shadowingModule(c.bindings)]);
  return Object.fromEntries([["checks.ts", readProgramFile("checks.ts")], ...fixed, ...generated, [`${folder}main.ts`, program(cases)]]);
}

for (const commonjs of [true, false]) {
  const cases = modules(commonjs);
  scenario(
    `globals hidden at a module's top level (${cases.length} modules): the plumbing uses the real ones`,
    { main: "shadowed-globals/main.ts", files: files(cases) },
    {
      matrix: MATRIX.filter((cell) => (cell.compilerOptions.module === "commonjs") === commonjs),
      // A module that hides Symbol cannot write Symbol.asyncDispose: every generated class keys
      // its teardown by `asyncDispose`, imported from real.ts, an alias only the checker follows.
      backEnds: ["typed"],
    },
  );
}
