// The tests every TypeScript version of the matrix runs, imported by the
// typescript<version>.test.mjs files beside this one after choose.mjs has set
// TS_ASYNC_INIT_TYPESCRIPT (test/support/project.mjs then compiles with that
// TypeScript, and test/support/packed.mjs runs its tspc). AVA runs each test file
// in a worker of its own, so each version loads its own TypeScript.
//
// - the exec semantics tests (test/exec/semantics/*.test.mjs), on the cells of VERSION_CELLS;
// - the fixtures, compiled by that TypeScript and run with their check.mjs (their
//   expected text is 5.9's, compared only by test/fixtures.test.mjs);
// - the tspc command-line tests, on projects with the packed package: tspc -p, and
//   tsc -b with project references, --incremental and --watch;
// - the plumbing as TypeScript type-checked in a user's module (test/plumbing/typed-text),
//   and the text back end's output type-checked wherever its input does (test/text/typecheck).
import { readdirSync } from "node:fs";
import "../exec/semantics/await-using.test.mjs";
import "../exec/semantics/class-forms.test.mjs";
import "../exec/semantics/directives.test.mjs";
import "../exec/semantics/dispose.test.mjs";
import "../exec/semantics/inheritance.test.mjs";
import "../exec/semantics/init.test.mjs";
import "../exec/semantics/misuse.test.mjs";
import "../exec/semantics/mixed-targets.test.mjs";
import "../exec/semantics/proxies.test.mjs";
import "../exec/semantics/reentrancy.test.mjs";
import "../exec/semantics/scripts.test.mjs";
import "../exec/semantics/shadowed-globals.test.mjs";
import "../exec/semantics/shape.test.mjs";
import "../exec/semantics/storage-corners.test.mjs";
import "../exec/semantics/teardown-keys.test.mjs";
import "../fixtures.test.mjs";
import "../cli/tspc.test.mjs";
import "../cli/tspc-builds.test.mjs";
import "../plumbing/typed-text.test.mjs";
import "../text/typecheck.test.mjs";

if (!process.env.TS_ASYNC_INIT_TYPESCRIPT) throw new Error("import ./choose.mjs?<version> before test/versions/shared.mjs");

// Every semantics test file is in the list above.
const listed = new Set([
  "await-using",
  "class-forms",
  "directives",
  "dispose",
  "inheritance",
  "init",
  "misuse",
  "mixed-targets",
  "proxies",
  "reentrancy",
  "scripts",
  "shadowed-globals",
  "shape",
  "storage-corners",
  "teardown-keys",
]);
const missing = readdirSync(new URL("../exec/semantics/", import.meta.url)).filter((f) => f.endsWith(".test.mjs") && !listed.has(f.replace(".test.mjs", "")));
if (missing.length) throw new Error(`test/versions/shared.mjs: import ${missing.join(", ")} too`);
