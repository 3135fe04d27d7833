// Jest 30 with ts-jest 29 and this package's `ts-async-init/ts-jest` entry, set up as
// the README says (test/tools/helpers.mjs).

import { appendFileSync, cpSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import test from "ava";
import {
  APP,
  assertInstalled,
  bin,
  checkInstallLine,
  EXPECTED,
  errorCodes,
  NO_CHECKER_APP,
  NO_CHECKER_EXPECTED,
  PROJECT,
  recipe,
  run,
  TYPE_ERROR,
  writeApp,
} from "./helpers.mjs";

test.before(assertInstalled);

/** A test file that runs the app (programs/app), and uses `await using` itself. */
const APP_TEST = `import { expect, test } from "@jest/globals";
import { Cache } from "./db";
import { main } from "./main";

test("the app", async () => {
  expect(await main()).toBe(${JSON.stringify(EXPECTED)});
  await using cache = new Cache();
  expect(cache.ready).toBe(true);
});
`;

/** A test file that runs the app for the modes without a checker (programs/no-checker). */
const NO_CHECKER_TEST = `import { expect, test } from "@jest/globals";
import { main } from "./main";

test("the app", async () => {
  expect(await main()).toBe(${JSON.stringify(NO_CHECKER_EXPECTED)});
});
`;

function app(
  name,
  { sources = APP, testFile = APP_TEST, jestConfig = recipe("jest/jest.config.js"), tsconfig = recipe("jest/tsconfig.json"), extra = {} } = {},
) {
  return writeApp(name, { ...sources, "src/main.test.ts": testFile, "jest.config.js": jestConfig, "tsconfig.json": tsconfig, ...extra });
}
const jest = (dir) => run(bin("jest"), ["--ci", "--no-cache"], { cwd: dir });

test("the README's install line names the versions tested here", (t) => checkInstallLine(t, "jest/install"));

test("ts-jest with the ts-async-init/ts-jest entry: the tests pass, with no type error", (t) => {
  const result = jest(app("jest"));
  t.is(result.code, 0, result.output);
  t.regex(result.stderr, /Tests:\s+1 passed, 1 total/);
  t.deepEqual(errorCodes(result.output), [], result.output);
});

test("ts-jest still fails a test file on a type error in the user's code, and reports only that", (t) => {
  const result = jest(app("jest-error", { sources: { ...APP, "src/main.ts": APP["src/main.ts"] + TYPE_ERROR } }));
  t.not(result.code, 0);
  t.deepEqual(errorCodes(result.output), ["TS2322"], result.output);
});

test("a tagged class that fails its checks in an imported module: the test file's TS2851 says why (ts-jest shows the test file's errors only)", (t) => {
  const sources = {
    "src/db.ts": "/** @asyncInit */\nexport class Db {\n  async start() {}\n}\n",
    "src/main.ts": "export const main = async () => 'unused';\n",
  };
  const testFile = `import { test } from "@jest/globals";
import { Db } from "./db";

test("db", async () => {
  await using db = new Db();
});
`;
  const result = jest(app("jest-failed-check", { sources, testFile }));
  t.not(result.code, 0);
  t.true(errorCodes(result.output).includes("TS2851"), result.output);
  t.regex(result.output, /'Db' has the @asyncInit tag but is not rewritten, for TS46001 at src\/db\.ts:2:14: @asyncInit class 'Db' has no method 'init'\./);
});

test("Jest's coverage of a fully tested tagged class: every line and branch of the file is covered; what the plugin adds (the plumbing) is not counted at the class's line", (t) => {
  const sources = {
    "src/db.ts": "/** @asyncInit */\nexport class Db {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n",
    "src/main.ts": "export const main = async () => 'unused';\n",
  };
  const testFile = `import { expect, test } from "@jest/globals";
import { Db } from "./db";

test("db", async () => {
  expect((await new Db()).ready).toBe(true);
});
`;
  const jestConfig = recipe("jest/jest.config.js").replace(
    /module\.exports = \{/,
    'module.exports = {\n  collectCoverage: true,\n  collectCoverageFrom: ["src/db.ts"],\n  coverageReporters: ["json-summary"],',
  );
  t.not(jestConfig, recipe("jest/jest.config.js"));
  const dir = app("jest-coverage", { sources, testFile, jestConfig });
  const result = jest(dir);
  t.is(result.code, 0, result.output);
  const summary = JSON.parse(readFileSync(join(dir, "coverage/coverage-summary.json"), "utf8"));
  const [file] = Object.keys(summary).filter((key) => key.endsWith("db.ts"));
  t.truthy(file, Object.keys(summary).join(", "));
  t.like(summary[file], { lines: { pct: 100 }, statements: { pct: 100 }, branches: { pct: 100 } });
});

test("an entry other than ts-async-init/ts-jest in ts-jest's astTransformers stops with TS46010, which names the one to use (before: ts-jest's TypeError)", (t) => {
  // The string form, and the { path, options } form, whose module ts-jest spreads.
  for (const [entry, named] of [
    ["ts-async-init", '"ts-async-init"'],
    ["ts-async-init/vite", '"ts-async-init/vite"'],
    ["ts-async-init", '{ path: "ts-async-init", options: { initMethod: "setup" } }'],
  ]) {
    const jestConfig = recipe("jest/jest.config.js").replace('before: ["ts-async-init/ts-jest"]', `before: [${named}]`);
    t.true(jestConfig.includes(`before: [${named}]`));
    const result = jest(app(`jest-wrong-entry-${entry.replace("/", "-")}`, { jestConfig }));
    t.not(result.code, 0);
    t.regex(
      result.output,
      new RegExp(
        `error TS46010: ${entry} was named in ts-jest's astTransformers, which take an entry made for ts-jest\\. Name it there: astTransformers: \\{ before: \\["ts-async-init/ts-jest"\\] \\}\\.`,
      ),
    );
    t.notRegex(result.output, /is not a function|must have an export const version/);
  }
});

test("ts-jest's ESM mode (useESM, Node's vm modules), which raises no diagnostic of the program it compiles: the app passes, and this plugin's errors (TS46001) still fail the test file, where the class would run as written", (t) => {
  const jestConfig = `export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  transform: {
    "^.+\\\\.tsx?$": ["ts-jest", { useESM: true, astTransformers: { before: ["ts-async-init/ts-jest"] } }],
  },
};
`;
  const tsconfig = JSON.parse(recipe("jest/tsconfig.json"));
  Object.assign(tsconfig.compilerOptions, { module: "esnext", moduleResolution: "bundler" });
  const esm = (name, sources) =>
    writeApp(name, {
      ...sources,
      "src/main.test.ts": APP_TEST,
      "jest.config.js": jestConfig,
      "tsconfig.json": JSON.stringify(tsconfig),
      "package.json": JSON.stringify({ type: "module" }),
    });
  const jestEsm = (dir) => run(bin("jest"), ["--ci", "--no-cache"], { cwd: dir, env: { NODE_OPTIONS: "--experimental-vm-modules" } });
  const passed = jestEsm(esm("jest-esm", APP));
  t.is(passed.code, 0, passed.output);
  t.regex(passed.stderr, /Tests:\s+1 passed, 1 total/);
  const broken = jestEsm(
    esm("jest-esm-error", { ...APP, "src/main.ts": `${APP["src/main.ts"]}\n/** @asyncInit */\nexport class Broken {\n  async start(): Promise<void> {}\n}\n` }),
  );
  t.not(broken.code, 0, broken.output);
  // ts-jest colours its diagnostics whatever the terminal.
  t.regex(stripVTControlCharacters(broken.output), /src\/main\.ts:21:14 - error TS46001: @asyncInit class 'Broken' has no method 'init'/);
});

test("ts-async-init/ts-jest named in astTransformers' after or afterDeclarations (where it would write TypeScript into the JavaScript, or rewrite nothing without a word) stops with TS46010, which names before", (t) => {
  for (const slot of ["after", "afterDeclarations"]) {
    const jestConfig = recipe("jest/jest.config.js").replace('before: ["ts-async-init/ts-jest"]', `${slot}: ["ts-async-init/ts-jest"]`);
    t.true(jestConfig.includes(`${slot}: ["ts-async-init/ts-jest"]`));
    const result = jest(app(`jest-slot-${slot}`, { jestConfig }));
    t.not(result.code, 0, slot);
    t.regex(
      stripVTControlCharacters(result.output),
      new RegExp(
        `error TS46010: ts-async-init/ts-jest was named in ts-jest's astTransformers\\.${slot}, where it would rewrite nothing \\(or write TypeScript into the JavaScript\\)\\. Name it in before: astTransformers: \\{ before: \\["ts-async-init/ts-jest"\\] \\}\\.`,
      ),
      slot,
    );
    t.notRegex(result.output, /Unexpected token|Tests:\s+1 passed/, slot);
  }
});

test("jsdom test environment: await using runs with the README's setup file", (t) => {
  const jestConfig = recipe("jest/jest.config.js").replace(`testEnvironment: "node",`, `testEnvironment: "jsdom",\n  setupFiles: ["<rootDir>/jest.setup.js"],`);
  t.regex(jestConfig, /jsdom/);
  const result = jest(app("jest-jsdom", { jestConfig, extra: { "jest.setup.js": recipe("jest/jest.setup.js") } }));
  t.is(result.code, 0, result.output);
  t.regex(result.stderr, /Tests:\s+1 passed, 1 total/);
});

test("isolatedModules (no checker): await using of an imported tagged class, a factory's result and for…of elements is awaited on entry", (t) => {
  const tsconfig = JSON.parse(recipe("jest/tsconfig.json"));
  tsconfig.compilerOptions.isolatedModules = true;
  const result = jest(app("jest-isolated", { sources: NO_CHECKER_APP, testFile: NO_CHECKER_TEST, tsconfig: JSON.stringify(tsconfig) }));
  t.is(result.code, 0, result.output);
  t.regex(result.stderr, /Tests:\s+1 passed, 1 total/);
});

test("the entry: name, a version that follows the compiled code, and a factory, loaded through the package's exports", (t) => {
  const entry = createRequire(join(PROJECT, "package.json"))("ts-async-init/ts-jest");
  t.is(entry.name, "ts-async-init");
  t.true(Number.isSafeInteger(entry.version) && entry.version > 0);
  t.is(typeof entry.factory, "function");

  // A copy of the package gives the same version; one with a changed file of the rewrite, another.
  const versionOf = (dir) => createRequire(join(dir, "package.json"))("./dist/ts-jest.js").version;
  const copy = (change) => {
    const dir = writeApp("ts-jest-entry", {});
    cpSync(join(PROJECT, "node_modules/ts-async-init"), dir, { recursive: true });
    if (change) appendFileSync(join(dir, "dist/plumbing/generated.js"), "\n// changed\n");
    return dir;
  };
  t.is(versionOf(copy(false)), entry.version);
  t.not(versionOf(copy(true)), entry.version);
});

test("ts-jest: an await using of a value typed AsyncDisposable awaits a tagged instance whatever the files ts-jest compiled before (a tag added to an unimported class with the cache kept; a test without a tag run first)", (t) => {
  const withResource = `export async function withResource<T extends AsyncDisposable>(resource: T, use: (r: T) => void): Promise<void> {
  await using r = resource;
  use(r);
}
`;
  const conn = (tagged) => `${tagged ? "/** @asyncInit */\n" : ""}export class Conn {
  ready = false;
  async init(): Promise<void> {
    this.ready = true;
  }
  async [Symbol.asyncDispose](): Promise<void> {}
}
`;
  const connTest = `import { expect, test } from "@jest/globals";
import { Conn } from "./conn";
import { withResource } from "./withResource";

test("ready inside", async () => {
  let ready = false;
  await withResource(new Conn(), (c) => (ready = c.ready));
  expect(ready).toBe(TAGGED);
});
`;
  // Sorted first, run first with -i: a test whose program sees no tag.
  const plainTest = `import { expect, test } from "@jest/globals";
import { withResource } from "./withResource";

test("plain", async () => {
  let used = false;
  await withResource({ async [Symbol.asyncDispose]() {} }, () => (used = true));
  expect(used).toBe(true);
});
`;
  const dir = writeApp("jest-partial-program", {
    "src/withResource.ts": withResource,
    "src/conn.ts": conn(false),
    "src/a-plain.test.ts": plainTest,
    "src/conn.test.ts": connTest.replace("TAGGED", "false"),
    "jest.config.js": recipe("jest/jest.config.js"),
    "tsconfig.json": recipe("jest/tsconfig.json"),
  });
  const cached = (/** @type {string} */ cacheDirectory) => run(bin("jest"), ["--ci", "-i", `--cacheDirectory=${cacheDirectory}`], { cwd: dir });
  const cacheDirectory = join(dir, ".jest-cache");
  const before = cached(cacheDirectory);
  t.is(before.code, 0, before.output);
  // The tag added to a class withResource.ts does not import; the cache kept.
  writeFileSync(join(dir, "src/conn.ts"), conn(true));
  writeFileSync(join(dir, "src/conn.test.ts"), connTest.replace("TAGGED", "true"));
  const after = cached(cacheDirectory);
  t.is(after.code, 0, after.output);
  t.regex(after.stderr, /Tests:\s+2 passed, 2 total/);
  const fresh = run(bin("jest"), ["--ci", "-i", "--no-cache"], { cwd: dir });
  t.is(fresh.code, 0, fresh.output);
});
