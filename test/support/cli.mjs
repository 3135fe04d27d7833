// Projects for the tests of the `ts-async-init` command line (test/cli/cli.test.mjs,
// test/tools/typescript7.test.mjs), run from the packed package.
//
// test/tools/typescript7 is a project whose typescript is 7.0.2, with
// @typescript/typescript6 and @types/node next to it (its package.json and lock;
// scripts/prepare-dev.mjs installs it, and `npm test` installs the packed package
// there). A test project is a fresh folder under the system's temp folder whose
// node_modules holds links to the packages it is to see:
//
//   "typescript7"  all of test/tools/typescript7's node_modules (a TypeScript 7 project, as a user installs it)
//   "5.9"          typescript 5.9 (from test/runtimes/typescript5.9) and the packed package
//   "7-alone"      typescript 7 and the packed package: no @typescript/typescript6 (the package is a
//                  copy, with its one dependency linked: a link would resolve from test/tools/typescript7,
//                  where the text back end, which looks from where it is, would find @typescript/typescript6)
//   "none"         the packed package alone: no TypeScript at all
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ROOT, TYPESCRIPT_PROJECTS } from "../../scripts/test-projects.mjs";
import { checkPacked } from "./packed.mjs";
import { run, tempDir, writeFiles } from "./project.mjs";

export const TYPESCRIPT7_PROJECT = join(ROOT, "test/tools/typescript7");
const MODULES = join(TYPESCRIPT7_PROJECT, "node_modules");

/** The packages a test project's node_modules links to, by kind. */
const LINKS = {
  5.9: { typescript: join(TYPESCRIPT_PROJECTS["5.9"], "node_modules/typescript") },
  "7-alone": {
    typescript: join(MODULES, "typescript"),
    "magic-string": join(MODULES, "magic-string"),
    "@jridgewell/sourcemap-codec": join(MODULES, "@jridgewell/sourcemap-codec"),
  },
  none: {},
};

/** A fresh project with `files` (name → text, or an object written as JSON) that sees the TypeScript of `kind`. */
export function cliProject(files, kind) {
  checkPackedCli();
  const dir = tempDir(`ts-async-init-cli-${kind}-`);
  if (kind === "typescript7") symlinkSync(MODULES, join(dir, "node_modules"), "dir");
  else {
    const packed = join(MODULES, "ts-async-init");
    /** @type {Record<string, string>} */
    const links = { ...LINKS[kind] };
    if (kind === "7-alone") cpSync(packed, join(dir, "node_modules/ts-async-init"), { recursive: true, dereference: true });
    else links["ts-async-init"] = packed;
    for (const [name, target] of Object.entries(links)) {
      mkdirSync(join(dir, "node_modules", name, ".."), { recursive: true });
      symlinkSync(target, join(dir, "node_modules", name), "dir");
    }
    // What npm links for the package's "bin", so that `npx ts-async-init` runs it.
    mkdirSync(join(dir, "node_modules/.bin"));
    symlinkSync("../ts-async-init/dist/cli.js", join(dir, "node_modules/.bin/ts-async-init"));
  }
  writeFiles(dir, files);
  return dir;
}

/**
 * Runs the packed package's command line in `dir` (`node node_modules/ts-async-init/dist/cli.js …`,
 * what npm's `node_modules/.bin/ts-async-init` runs); returns what `run` returns.
 */
export function cli(dir, args, { env = {} } = {}) {
  return run(process.execPath, [join(dir, "node_modules/ts-async-init/dist/cli.js"), ...args], { cwd: dir, env });
}

/** Runs a shell command line (a README recipe's) in `dir`, with npx never installing what is missing. */
export const sh = (dir, line) => run("sh", ["-c", line], { cwd: dir, env: { npm_config_yes: "false" } });

/** Runs a built file with this Node.js. */
export const runJs = (file, cwd) => run(process.execPath, [file], { cwd, timeout: 60_000 });

export const read = (dir, file) => readFileSync(join(dir, file), "utf8");

/**
 * Fails clearly unless test/tools/typescript7 holds the packed package of this
 * build of dist/, with the command line (installed by `npm run pretest`).
 */
function checkPackedCli() {
  const installed = join(MODULES, "ts-async-init");
  if (!existsSync(join(installed, "dist/cli.js"))) throw new Error(`${installed} has no packed package with the command line: run \`npm run pretest\``);
  checkPacked(installed);
}
