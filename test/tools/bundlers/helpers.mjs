// Shared by the end-to-end tests of the bundler plugins (test/tools/bundlers/*.test.mjs).
//
// The bundlers are installed once in this folder (package.json pins each version;
// scripts/prepare-dev.mjs runs `npm ci` here), and `npm test` installs the packed
// package into it (scripts/pack-for-tests.mjs). Each test writes the app of app/
// (as src/) to a fresh folder under apps/, which resolves these node_modules, with
// the config files copied from the README's recipes, and runs the real bundler on it.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { NODE_24, ROOT, tempDir, writeFiles } from "../../support/project.mjs";
import { recipe, run } from "../helpers.mjs";

export { NODE_24, recipe, run };
export const PROJECT = join(ROOT, "test/tools/bundlers");

/** A command of the bundlers' project (`node_modules/.bin`). */
export const bin = (name) => join(PROJECT, "node_modules/.bin", name);

/** Fails early, with what to do, when `npm run pretest` has not installed the packed package. */
export function assertInstalled() {
  if (!existsSync(join(PROJECT, "node_modules/ts-async-init/dist/vite.js"))) {
    throw new Error("test/tools/bundlers has no packed ts-async-init: run `npm run pretest` first.");
  }
}

const APP_DIR = join(PROJECT, "app");

/** The app every bundler builds (app/*.ts as src/*.ts): two modules of tagged classes and their uses, an entry that prints the order, a vitest test. */
export const APP = Object.fromEntries(
  readdirSync(APP_DIR)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => [`src/${f}`, readFileSync(join(APP_DIR, f), "utf8")]),
);

/** What the app prints (app/expected.ts: its string literals, joined). */
export const EXPECTED = [...APP["src/expected.ts"].matchAll(/"([^"]*)"/g)].map((m) => m[1]).join("");

/**
 * A retry loop that catches what its await using throws (esbuild and Bun.build lower it wrongly: warning
 * TS46023), and the same with a function per pass, which they lower right.
 */
export const RETRY = `/** @asyncInit */
class Db {
  constructor(readonly url: string) {}
  async init(): Promise<void> {
    if (this.url === "bad") throw new Error("cannot connect " + this.url);
  }
}
for (const url of ["bad", "good"]) {
  try {
    await using db = new Db(url);
    console.log("connected", db.url);
  } catch (error) {
    console.log("failed", url, (error as Error).message);
  }
}
async function connect(url: string): Promise<void> {
  try {
    await using db = new Db(url);
    console.log("connected", db.url);
  } catch (error) {
    console.log("failed", url, (error as Error).message);
  }
}
for (const url of ["bad", "good"]) await connect(url);
`;

/** The line (1-based) of `text` on which `needle` first appears: where a test expects a message to point. */
export const lineOf = (text, needle) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;

/**
 * The registry key (`Symbol.for("ts-async-init.v3")`), which the plumbing's text holds
 * exactly once: the count of it in a bundle is the count of plumbing copies (a
 * minifier may change the quotes).
 */
export const PLUMBING_MARKER = /ts-async-init\.v\d+/g;
export const plumbingCopies = (code) => code.match(PLUMBING_MARKER)?.length ?? 0;

/** Writes `files` (name → text) to a fresh folder under apps/; removed when the test process exits, unless KEEP_TEMP=1. */
export function writeApp(name, files) {
  const dir = tempDir(`${name}-`, join(PROJECT, "apps"));
  writeFiles(dir, files);
  return dir;
}

/** A workspace package's source: a tagged class whose init sets `ready`. */
const WORKSPACE_LIB = "/** @asyncInit */\nexport class Db {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n";

/** An app's entry that awaits the workspace package's Db and says whether its init ran. */
export const WORKSPACE_INDEX = `import { Db } from "@my/lib";\n\nconst db = new Db();\nawait db;\nconsole.log(\`ready \${db.ready}\`);\n`;

/**
 * A workspace under apps/: packages/lib, a package `@my/lib` whose `exports` is its TypeScript
 * source (WORKSPACE_LIB), and app/ with `files`, which gets the package linked at
 * app/node_modules/@my/lib, as npm links a workspace package. Returns the workspace's folder.
 */
export function linkedWorkspace(name, files) {
  const dir = writeApp(name, {
    "packages/lib/package.json": JSON.stringify({ name: "@my/lib", type: "module", exports: "./src/index.ts" }),
    "packages/lib/src/index.ts": WORKSPACE_LIB,
    "app/package.json": JSON.stringify({ name: "app", private: true, type: "module" }),
    ...files,
  });
  mkdirSync(join(dir, "app/node_modules/@my"), { recursive: true });
  symlinkSync("../../../packages/lib", join(dir, "app/node_modules/@my/lib"));
  return dir;
}

/**
 * Checks an install line of the README (`npm install --save-dev …`): it names this
 * package, and every other package it names is one this project pins, at a version
 * in the range the line asks for.
 */
export function checkInstallLine(t, name) {
  const pinned = JSON.parse(readFileSync(join(PROJECT, "package.json"), "utf8")).devDependencies;
  const words = recipe(name).trim().split(/\s+/).slice(3);
  t.true(words.includes("ts-async-init"), recipe(name));
  for (const word of words.filter((w) => w !== "ts-async-init")) {
    const [, pkg, range = ""] = /** @type {RegExpMatchArray} */ (word.match(/^(@?[^@]+)(?:@(.+))?$/));
    t.truthy(pinned[pkg], `${pkg} is not in test/tools/bundlers/package.json`);
    t.true(range === "" || pinned[pkg] === range || pinned[pkg].startsWith(`${range}.`), `${pkg}@${range} in the README, ${pinned[pkg]} tested`);
  }
}
