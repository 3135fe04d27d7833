// The plumbing as TypeScript (PLUMBING_TS, AWAIT_ONLY_TS), as the text back end
// puts it into users' .ts files: it type-checks in a user's module under strict and
// stricter settings, whether the user's lib has DOM or not, together with classes
// that call it as the generated members do; it is erasable TypeScript, and Node's
// own type stripping runs it. Also run by test/versions on every TypeScript.

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import test from "ava";
import { format, NODE_24, runNode, tempDir, ts } from "../support/project.mjs";

const require = createRequire(import.meta.url);
const { PLUMBING_TS, AWAIT_ONLY_TS } = require("../../dist/plumbing/index.js");

/** A module of the user's, as the text back end leaves it: the plumbing first, then a tagged class, with only what lib es2022 has. */
const WITHOUT_DISPOSABLE = `const asyncInit_1 = ${PLUMBING_TS.trim()};

export const log: string[] = [];

/** @asyncInit */
export class Db {
  /** ts-async-init: the state of the instance (not awaited, being awaited, ready), private to the class. */ #asyncInit: unknown; static { asyncInit_1.slot(this, { has: (self: any) => #asyncInit in self, get: (self: any) => self.#asyncInit, set: (self: any, state: unknown) => { self.#asyncInit = state; } }); }
  async init(signal: unknown) {
    log.push("init " + typeof signal);
  }
  /** ts-async-init: marks the instances of an @asyncInit class. */
  [asyncInit_1.tagged]() {}
  /** ts-async-init: awaiting the instance runs init() once and yields the instance; undefined once ready. */
  get then(): any { return asyncInit_1.then(this, "init", true); }
}

/** A class whose instances keep their state in the shared map (below ES2022). */
export class Mapped {
  init(): void {}
  [asyncInit_1.tagged]() {}
  get then(): any { return asyncInit_1.then(this, "init"); }
}

export async function main(): Promise<string> {
  const db = new Db();
  if (asyncInit_1.pending(db)) await asyncInit_1.ready(db);
  await asyncInit_1.ready(new Mapped());
  const disposal: Promise<void> = asyncInit_1.dispose(db, void 0, () => { log.push("teardown"); });
  await disposal;
  const context = asyncInit_1.context();
  const one: number = await asyncInit_1.inside(context, () => Promise.resolve(1));
  return [...log, one, asyncInit_1.pending(db), typeof asyncInit_1.asyncDispose].join(",");
}
`;

/** The same with what lib esnext has: \`await using\`, the generated teardowns, a subclass that inherits one. */
const WITH_DISPOSABLE = `const asyncInit_1 = ${PLUMBING_TS.trim()};

export const log: string[] = [];

/** @asyncInit */
export class Db {
  /** ts-async-init: the state of the instance (not awaited, being awaited, ready), private to the class. */ #asyncInit: unknown; static { asyncInit_1.slot(this, { has: (self: any) => #asyncInit in self, get: (self: any) => self.#asyncInit, set: (self: any, state: unknown) => { self.#asyncInit = state; } }); }
  async init(signal: AbortSignal) {
    log.push("init " + signal.aborted);
  }
  [Symbol.asyncDispose]() { return asyncInit_1.dispose(this, void 0, async () => {
    log.push("teardown");
  }); }
  /** ts-async-init: marks the instances of an @asyncInit class. */
  [asyncInit_1.tagged]() {}
  /** ts-async-init: awaiting the instance runs init() once and yields the instance; undefined once ready. */
  get then(): any { return asyncInit_1.then(this, "init", true); }
}

/** @asyncInit */
export class Pool extends Db {
  /** ts-async-init: waits for a pending init, then runs the teardown once, only if init succeeded. */
  [Symbol.asyncDispose](): Promise<void> { return asyncInit_1.dispose(this, super[Symbol.asyncDispose]); }
  get then(): any { return asyncInit_1.then(this, "init"); }
}

export async function main(): Promise<string> {
  {
    await using db = new Pool(); if (asyncInit_1.pending(db)) await asyncInit_1.ready(db);
    await using plain = { async [Symbol.asyncDispose]() { log.push("plain"); } }; if (asyncInit_1.pending(plain)) await asyncInit_1.ready(plain);
  }
  return log.join(",");
}
`;

/** A module that only awaits instances made elsewhere. */
const AWAIT_ONLY = `const asyncInit_1 = ${AWAIT_ONLY_TS.trim()};

export async function use<T extends AsyncDisposable>(make: () => T): Promise<boolean> {
  await using x = make(); if (asyncInit_1.pending(x)) await asyncInit_1.ready(x);
  const y: T = await asyncInit_1.ready(make());
  return asyncInit_1.pending(y);
}
`;

/** What users turn on beyond strict (noUnusedLocals and noUnusedParameters aside: the text back end's own members leave unused names). */
const STRICTER = {
  noImplicitReturns: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitOverride: false,
  noFallthroughCasesInSwitch: true,
  allowUnreachableCode: false,
  // Only what Node's type stripping can erase (the option exists from TypeScript 5.8).
  ...(Number(ts.versionMajorMinor) >= 5.8 ? { erasableSyntaxOnly: true } : {}),
};

const SETTINGS = [
  { title: "lib es2022 (no DOM, no disposables)", files: { "user.ts": WITHOUT_DISPOSABLE }, options: { lib: ["es2022"] } },
  { title: "lib esnext and DOM", files: { "user.ts": WITH_DISPOSABLE, "awaiting.ts": AWAIT_ONLY }, options: { lib: ["esnext", "dom"] } },
  {
    title: "lib esnext without DOM",
    files: { "user.ts": WITH_DISPOSABLE.replaceAll("AbortSignal", "unknown").replace("signal.aborted", "typeof signal"), "awaiting.ts": AWAIT_ONLY },
    options: { lib: ["esnext"] },
  },
];

function typeCheck(files, compilerOptions) {
  const dir = tempDir("ts-async-init-typed-");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const parsed = ts.convertCompilerOptionsFromJson(
    { target: "es2022", module: "esnext", moduleResolution: "bundler", types: [], noEmit: true, ...compilerOptions },
    dir,
  );
  if (parsed.errors.length) throw new Error(format(parsed.errors));
  const program = ts.createProgram(
    Object.keys(files).map((name) => join(dir, name)),
    parsed.options,
    cachingLibs(parsed.options),
  );
  return format(ts.getPreEmitDiagnostics(program));
}

// TypeScript's lib files are parsed once for all the checks of this file.
const libs = new Map();
function cachingLibs(options) {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, ...rest) => {
    if (!fileName.includes("/node_modules/typescript/lib/")) return getSourceFile(fileName, ...rest);
    if (!libs.has(fileName)) libs.set(fileName, getSourceFile(fileName, ...rest));
    return libs.get(fileName);
  };
  return host;
}

for (const { title, files, options } of SETTINGS) {
  test(`the TypeScript plumbing type-checks in a user's module under strict, ${title}`, (t) => {
    t.is(typeCheck(files, { strict: true, ...options }), "");
  });
  test(`the TypeScript plumbing type-checks under strict and stricter settings, ${title}`, (t) => {
    t.is(typeCheck(files, { strict: true, ...STRICTER, ...options }), "");
  });
}

test("Node's type stripping runs a module that carries the TypeScript plumbing", (t) => {
  const dir = tempDir("ts-async-init-strip-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(join(dir, "user.ts"), WITH_DISPOSABLE);
  writeFileSync(join(dir, "awaiting.ts"), AWAIT_ONLY);
  writeFileSync(
    join(dir, "main.ts"),
    `import { main, Db, Pool } from "./user.ts";
import { use } from "./awaiting.ts";
console.log(await main());
console.log(await use(() => new Db()), await use(() => ({ async [Symbol.asyncDispose]() {} })));
`,
  );
  const run = runNode(join(dir, "main.ts"), { node: NODE_24, nodeArgs: ["--disable-warning=ExperimentalWarning"] });
  t.is(run.stderr, "");
  t.deepEqual(run.stdout.trim().split("\n"), ["init false,plain,teardown", "false false"]);
});
