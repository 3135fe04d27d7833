// Projects that use this package as a user installs it: the tarball `npm pack` makes
// (scripts/pack-for-tests.mjs), installed next to one TypeScript version's `tspc`.
// Each version has a project under test/runtimes (scripts/test-projects.mjs:
// TYPESCRIPT_PROJECTS) that holds its typescript and ts-patch, and `npm test`
// installs the packed package there. A test project is a fresh folder whose
// node_modules is a link to that project's, or has an `npm install` of its own.
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { TARBALL, TYPESCRIPT_PROJECTS } from "../../scripts/test-projects.mjs";
import { ROOT, run, TYPESCRIPT_VERSION, tempDir, watchCompiler, writeFiles } from "./project.mjs";

export { TARBALL };

/** The version the tests of this worker use: the one test/versions chose, or 5.9 (the repository's). */
export const VERSION = TYPESCRIPT_VERSION ?? "5.9";

const modulesOf = (version) => join(TYPESCRIPT_PROJECTS[version], "node_modules");

/** The Node.js that runs tspc: ts-patch 4 (TypeScript 6) needs Node >= 22.15, so the Node 22 of its project; ts-patch 3.3 runs on this one (20). */
export const nodeOf = (version) => (version.startsWith("5.") ? process.execPath : join(modulesOf(version), ".bin/node"));

/** A fresh project with `files`, whose node_modules holds `version`'s TypeScript, ts-patch, and the packed package. */
export function packedProject(files, { version = VERSION } = {}) {
  const modules = modulesOf(version);
  checkPacked(join(modules, "ts-async-init"));
  const dir = tempDir(`ts-async-init-ts${version}-`);
  symlinkSync(modules, join(dir, "node_modules"), "dir");
  writeFiles(dir, files);
  return dir;
}

/**
 * `npm install` of `packages` (names, specs or tarballs) in `dir`, quietly and from
 * the local cache when it can; throws with npm's output when it fails. Returns
 * what npm printed.
 * @param {string} dir
 * @param {string[]} packages
 * @param {{ args?: string[], env?: Record<string, string | undefined> }} [options]
 */
export function npmInstall(dir, packages, { args = ["--save-dev"], env } = {}) {
  const result = run("npm", ["install", ...args, "--no-audit", "--no-fund", "--prefer-offline", ...packages], { cwd: dir, env, timeout: 300_000 });
  if (result.code !== 0) throw new Error(`npm install ${packages.join(" ")} failed:\n${result.output}`);
  return result.output;
}

/**
 * A fresh project with `files` and a node_modules of its own: `npm install` of the
 * packed package and `version`'s typescript and ts-patch (the exact versions of its
 * project), for tests that change what is installed (`ts-patch install`).
 */
export function installedProject(files, { version = VERSION } = {}) {
  const dir = tempDir(`ts-async-init-ts${version}-own-`);
  writeFiles(dir, { "package.json": { name: "project", private: true }, ...files });
  const { dependencies } = JSON.parse(readFileSync(join(TYPESCRIPT_PROJECTS[version], "package.json"), "utf8"));
  npmInstall(dir, [TARBALL, ...Object.entries(dependencies).map(([name, exact]) => `${name}@${exact}`)], { args: ["--save-dev", "--loglevel=error"] });
  return dir;
}

/** Runs a tool's command line from `dir`'s own node_modules (e.g. "typescript/bin/tsc") with the Node.js for `version`. */
export function runBin(dir, bin, args, { version = VERSION } = {}) {
  return run(nodeOf(version), [join(dir, "node_modules", bin), ...args], { cwd: dir });
}

/** Runs `tspc` (ts-patch's tsc) of `version` in `dir`; returns what `run` returns. */
export function tspc(dir, args = ["-p", "."], { version = VERSION } = {}) {
  return run(nodeOf(version), [join(modulesOf(version), "ts-patch/bin/tspc.js"), ...args], { cwd: dir });
}

/** Runs a compiled file with the Node.js that ran tspc. */
export function runOutput(file, { version = VERSION } = {}) {
  return run(nodeOf(version), [file], { cwd: dirname(file), timeout: 60_000 });
}

/** Starts `tspc --watch` of `version` in `dir`: see watchCompiler. */
export function watchTspc(dir, args = ["-p", "."], { version = VERSION } = {}) {
  return watchCompiler(join(modulesOf(version), "ts-patch/bin/tspc.js"), args, { cwd: dir, node: nodeOf(version) });
}

/**
 * Fails clearly unless `installed` (a node_modules/ts-async-init) is the packed
 * package, installed by scripts/pack-for-tests.mjs from this build of dist/ (not a
 * link to the repository).
 */
export function checkPacked(installed) {
  const stat = lstatSync(installed, { throwIfNoEntry: false });
  const again = "run `npm run pretest` (it packs the package and installs it there)";
  if (!stat || stat.isSymbolicLink()) throw new Error(`${installed} is not the packed package: ${again}`);
  const dist = join(ROOT, "dist");
  // The installed files are those the package ships (package.json "files"), each as this build made it.
  const same = (file) => readFileSync(join(installed, "dist", file), "utf8") === readFileSync(join(dist, file), "utf8");
  const shipped = readdirSync(join(installed, "dist"), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".js"));
  const stale = shipped.length === 0 ? "index.js" : shipped.find((f) => !existsSync(join(dist, f)) || !same(f));
  if (stale) throw new Error(`${installed}/dist/${stale} is not this build's dist/${stale}: ${again}`);
}
