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
//   "7-alone"      typescript 7 and the packed package: no @typescript/typescript6
//   "none"         the packed package alone: no TypeScript at all
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ROOT, TYPESCRIPT_PROJECTS } from "../../scripts/test-projects.mjs";
import { tempDir } from "./build.mjs";
import { writeFiles } from "./packed.mjs";

export const TYPESCRIPT7_PROJECT = join(ROOT, "test/tools/typescript7");
const MODULES = join(TYPESCRIPT7_PROJECT, "node_modules");

/** The packages a test project's node_modules links to, by kind. */
const LINKS = {
  "5.9": { typescript: join(TYPESCRIPT_PROJECTS["5.9"], "node_modules/typescript") },
  "7-alone": { typescript: join(MODULES, "typescript") },
  none: {},
};

/** A fresh project with `files` (name → text, or an object written as JSON) that sees the TypeScript of `kind`. */
export function cliProject(files, kind) {
  checkPacked();
  const dir = tempDir(`ts-async-init-cli-${kind}-`);
  if (kind === "typescript7") symlinkSync(MODULES, join(dir, "node_modules"), "dir");
  else {
    const links = { ...LINKS[kind], "ts-async-init": join(MODULES, "ts-async-init") };
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
 * what npm's `node_modules/.bin/ts-async-init` runs). Colours stay off unless asked for: stdout is a pipe.
 */
export function cli(dir, args, { env = {} } = {}) {
  const result = spawnSync(process.execPath, [join(dir, "node_modules/ts-async-init/dist/cli.js"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

/** Runs a shell command line (a README recipe's) in `dir`. */
export function sh(dir, line) {
  const result = spawnSync("sh", ["-c", line], { cwd: dir, encoding: "utf8", timeout: 120_000, env: { ...process.env, npm_config_yes: "false" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

/** Runs a built file with this Node.js. */
export function runJs(file, cwd) {
  const result = spawnSync(process.execPath, [file], { cwd, encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const read = (dir, file) => readFileSync(join(dir, file), "utf8");

/**
 * Fails clearly unless test/tools/typescript7 holds the packed package of this
 * build of dist/ (installed by `npm run pretest`), not a link to the repository.
 */
function checkPacked() {
  const installed = join(MODULES, "ts-async-init");
  const again = "run `npm run pretest` (it packs the package and installs it there)";
  if (!existsSync(join(installed, "dist/cli.js"))) throw new Error(`${installed} has no packed package with the command line: ${again}`);
  const shipped = readdirSync(join(installed, "dist"), { recursive: true }).map(String).filter((f) => f.endsWith(".js"));
  const stale = shipped.find((f) => !existsSync(join(ROOT, "dist", f)) || readFileSync(join(installed, "dist", f), "utf8") !== readFileSync(join(ROOT, "dist", f), "utf8"));
  if (stale) throw new Error(`${installed}/dist/${stale} is not this build's dist/${stale}: ${again}`);
}
