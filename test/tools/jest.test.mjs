// Jest 30 with ts-jest 29 and this package's `ts-async-init/ts-jest` entry, set up as
// the README says (test/tools/helpers.mjs).
import test from "ava";
import { cpSync, appendFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { APP, EXPECTED, EXPECTED_WITHOUT_CHECKER, PROJECT, TYPE_ERROR, assertInstalled, bin, checkInstallLine, errorCodes, recipe, run, writeApp } from "./helpers.mjs";

test.before(assertInstalled);

/** A test file that runs the app, and uses `await using` itself. */
const testFile = (expected) => `import { expect, test } from "@jest/globals";
import { Cache } from "./db";
import { main } from "./main";

test("the app", async () => {
  expect(await main()).toBe(${JSON.stringify(expected)});
  await using cache = new Cache();
  expect(cache.ready).toBe(${expected === EXPECTED});
});
`;

function app(name, { sources = APP, expected = EXPECTED, jestConfig = recipe("jest/jest.config.js"), tsconfig = recipe("jest/tsconfig.json"), extra = {} } = {}) {
  return writeApp(name, { ...sources, "src/main.test.ts": testFile(expected), "jest.config.js": jestConfig, "tsconfig.json": tsconfig, ...extra });
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

test("jsdom test environment: await using runs with the README's setup file", (t) => {
  const jestConfig = recipe("jest/jest.config.js").replace(`testEnvironment: "node",`, `testEnvironment: "jsdom",\n  setupFiles: ["<rootDir>/jest.setup.js"],`);
  t.regex(jestConfig, /jsdom/);
  const result = jest(app("jest-jsdom", { jestConfig, extra: { "jest.setup.js": recipe("jest/jest.setup.js") } }));
  t.is(result.code, 0, result.output);
  t.regex(result.stderr, /Tests:\s+1 passed, 1 total/);
});

test("isolatedModules (no checker), today: only `new X()` of a class tagged in the same file is awaited by await using", (t) => {
  const tsconfig = JSON.parse(recipe("jest/tsconfig.json"));
  tsconfig.compilerOptions.isolatedModules = true;
  const result = jest(app("jest-isolated", { tsconfig: JSON.stringify(tsconfig), expected: EXPECTED_WITHOUT_CHECKER }));
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
    if (change) appendFileSync(join(dir, "dist/runtime/plumbing.js"), "\n// changed\n");
    return dir;
  };
  t.is(versionOf(copy(false)), entry.version);
  t.not(versionOf(copy(true)), entry.version);
});
