// Shared by the end-to-end tests of the build tools (test/tools/*.test.mjs).
//
// The tools are installed once in test/tools/compiler (its package.json pins
// each version; scripts/prepare-dev.mjs runs `npm ci` there), and `npm test`
// installs the packed package into it (scripts/pack-for-tests.mjs). Each test
// writes a small app to a fresh folder under test/tools/compiler/apps/, which
// resolves those node_modules, with the config files copied from the README's
// recipes, and runs the real tool on it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, readFolder, run, tempDir, writeFiles } from "../support/project.mjs";

export { ROOT, run };
export const PROJECT = join(ROOT, "test/tools/compiler");
const APPS = join(PROJECT, "apps");

/** A command of the tools' project (`node_modules/.bin`). */
export const bin = (name) => join(PROJECT, "node_modules/.bin", name);

/** Fails early, with what to do, when `npm run pretest` has not installed the packed package. */
export function assertInstalled() {
  if (!existsSync(join(PROJECT, "node_modules/ts-async-init/package.json"))) {
    throw new Error("test/tools/compiler has no packed ts-async-init: run `npm run pretest` first.");
  }
}

/** Runs a built script with this Node.js, from `cwd`. */
export const runNode = (file, cwd) => run(process.execPath, [file], { cwd });

/** Writes `files` (name → text) to a fresh app folder, which resolves the tools' node_modules; removed when the test process exits, unless KEEP_TEMP=1. */
export function writeApp(name, files) {
  const dir = tempDir(`${name}-`, APPS);
  writeFiles(dir, files);
  return dir;
}

const README = readFileSync(join(ROOT, "README.md"), "utf8");

/**
 * The code block that follows `<!-- recipe: name -->` in the README, so that the
 * tests run exactly what the README tells users to paste.
 */
export function recipe(name) {
  const marker = `<!-- recipe: ${name} -->`;
  const at = README.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}`);
  // The block may be indented (inside a list item): its lines lose that indentation.
  const block = README.slice(at + marker.length).match(/^\s*?\n( *)```[a-z]*\n([\s\S]*?)\n *```/);
  if (!block) throw new Error(`README.md: no code block right after ${marker}`);
  const [, indent, text] = block;
  return `${text
    .split("\n")
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join("\n")}\n`;
}

/**
 * The packages of an `npm install --save-dev …` line, each with the version the
 * tools' project pins: the test checks the line names what the tests use.
 */
export function installLine(name) {
  const pinned = JSON.parse(readFileSync(join(PROJECT, "package.json"), "utf8")).devDependencies;
  const words = recipe(name).trim().split(/\s+/).slice(3);
  return words.map((word) => {
    const [, pkg, range = ""] = /** @type {RegExpMatchArray} */ (word.match(/^(@?[^@]+)(?:@(.+))?$/));
    return { pkg, range, pinned: pkg === "ts-async-init" ? "packed" : pinned[pkg] };
  });
}

// The apps the tools build, read from test/tools/programs/<name> (path under it → text).
const program = (name) => readFolder(join(ROOT, "test/tools/programs", name), (path) => path.startsWith("src/"));

/**
 * The app every tool builds (programs/app): a module of tagged classes, and a
 * module that uses them; `src/index.ts` runs it and prints its log.
 */
export const APP = program("app");

/** What the app prints when every `await using` is awaited on entry. */
export const EXPECTED = "new a, init a, a.then undefined, init cache, init local, new b, init b, body true b, dispose b";

/**
 * The app for the modes without a type checker (programs/no-checker): `await using`
 * of an imported tagged class by `new`, by a factory, in `for (await using … of …)`,
 * and of one without a teardown of its own; `src/index.ts` runs it and prints its log.
 */
export const NO_CHECKER_APP = program("no-checker");

/**
 * What it prints when each value is awaited on entry (tested at run time: it is a
 * tagged instance) and disposed at the end of its block.
 */
export const NO_CHECKER_EXPECTED =
  "new x, init x, body x, dispose x, new y, init y, body y, dispose y, new z, init z, body z, dispose z, init bare, body bare true";

/** This plugin's own error (TS46001: a tagged class without init), on line 2 of the module it ends. */
export const PLUGIN_ERROR = `\n/** @asyncInit */\nexport class Broken {\n  async start(): Promise<void> {}\n}\n`;

/** The app for the modes without a type checker, with that error in src/resource.ts. */
export const NO_CHECKER_APP_WITH_PLUGIN_ERROR = { ...NO_CHECKER_APP, "src/resource.ts": NO_CHECKER_APP["src/resource.ts"] + PLUGIN_ERROR };

/** A real type error in the user's code, which every tool must still report. */
export const TYPE_ERROR = `export const wrong: number = "not a number";\n`;

/** The app with that type error added to main.ts. */
export const APP_WITH_TYPE_ERROR = { ...APP, "src/main.ts": APP["src/main.ts"] + TYPE_ERROR };

/** The TypeScript error codes (TS1234) in a tool's output. */
export const errorCodes = (output) => [...new Set(output.match(/TS\d{4,5}\b/g) ?? [])].sort();

/**
 * Checks an install line of the README: every package it names is one the tools'
 * project pins, at a version in the range the line asks for.
 */
export function checkInstallLine(t, name) {
  const packages = installLine(name);
  t.true(packages.some((p) => p.pkg === "ts-async-init"));
  for (const { pkg, range, pinned } of packages) {
    if (pkg === "ts-async-init") continue;
    t.truthy(pinned, `${pkg} is not in test/tools/compiler/package.json`);
    t.true(range === "" || pinned === range || pinned.startsWith(`${range}.`), `${pkg}@${range} in the README, ${pinned} tested`);
  }
}
