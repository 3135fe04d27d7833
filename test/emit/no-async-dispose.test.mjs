// Emitted-code rule: the output loads where Symbol.asyncDispose does not exist.
// Each program is compiled for every target, CommonJS and ESM, and loaded into
// a fresh realm that lacks the symbol (see load-in-fresh-realm.mjs); there it
// must load, construct and await tagged instances — plain, derived, anonymous,
// with private fields and a teardown — without throwing.
import test from "ava";
import { join } from "node:path";
import { ROOT, pluginMessages, runNode } from "../helpers/build.mjs";
import { ALL_TARGETS, compile, format, moduleOptions } from "./compile.mjs";

const LOADER = join(ROOT, "test/emit/load-in-fresh-realm.mjs");

/** The module under test; `field` is the private field's declared name (`#ready`, or `private ready_` below ES2015). */
const main = (field) => `
export const log: string[] = [];

/** @asyncInit */
export class Db {
  ${field} = false;
  constructor(readonly url: string) {}
  async init() {
    await null;
    this.${field.replace("private ", "")} = true;
    log.push(\`init \${this.url}\`);
  }
  get ready() {
    return this.${field.replace("private ", "")};
  }
  async [Symbol.asyncDispose]() {
    log.push("teardown");
  }
}

/** @asyncInit */
export class Replica extends Db {
  async init() {
    await super.init();
    log.push("replica");
  }
}

export const Anonymous = /** @asyncInit */ class {
  static count = 0;
  async init() {
    log.push("anonymous");
  }
};

export async function probe() {
  const db = await new Db("a");
  const replica = new Replica("b");
  const same = (await replica) === replica;
  await new Anonymous();
  return { log, ready: db.ready, same, thenGone: (db as { then?: unknown }).then === undefined };
}
`;

// \`await using\` in a module that is only loaded, not run: below ESNext it is
// lowered to TypeScript's helpers, which look the symbol up only when used.
const USES = `
import { Db } from "./main.js";
export async function useDb() {
  await using db = new Db("c");
  return db.url;
}
`;

for (const target of ALL_TARGETS) {
  for (const module of ["commonjs", "nodenext"]) {
    test(`loads, constructs and awaits without Symbol.asyncDispose (${target}/${module})`, (t) => {
      // Node 20 cannot parse native \`await using\` (ESNext output), so that module joins the lowered targets only.
      const lowered = target !== "ESNext";
      const MAIN = main(target === "ES5" ? "private ready_" : "#ready");
      const files = lowered
        ? { "main.ts": MAIN, "uses.ts": USES, "entry.ts": `export { probe } from "./main.js";\nexport { useDb } from "./uses.js";\n` }
        : { "main.ts": MAIN, "entry.ts": `export { probe } from "./main.js";\n` };
      const compiled = compile(files, { compilerOptions: moduleOptions(target, module) });
      t.is(format(compiled.errors), "");
      const { diagnostics } = compiled.emit({ write: true });
      t.deepEqual(pluginMessages(diagnostics), []);

      const run = runNode(LOADER, {
        nodeArgs: ["--experimental-vm-modules", "--no-warnings"],
        args: [join(compiled.outDir, "entry.js"), module === "nodenext" ? "esm" : "cjs"],
      });
      t.is(run.stderr, "");
      t.is(run.code, 0);
      const { asyncDispose, result } = JSON.parse(run.stdout);
      t.is(asyncDispose, "undefined", "the realm really lacks Symbol.asyncDispose");
      t.deepEqual(result, { log: ["init a", "init b", "replica", "anonymous"], ready: true, same: true, thenGone: true });
    });
  }
}
