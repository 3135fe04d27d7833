// Projects compiled by the real `tspc` of one TypeScript version, with this package
// installed as a user installs it. Each version has a project under test/runtimes
// (scripts/test-projects.mjs: TYPESCRIPT_PROJECTS) that holds its typescript and
// ts-patch, and `npm test` installs the packed package there
// (scripts/pack-for-tests.mjs). A test project is a fresh folder whose
// node_modules is a link to that project's.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { TARBALL, TYPESCRIPT_PROJECTS } from "../../scripts/test-projects.mjs";
import { ROOT, TYPESCRIPT_VERSION, tempDir } from "./build.mjs";

/** The version the tests of this worker use: the one test/versions chose, or 5.9 (the repository's). */
export const VERSION = TYPESCRIPT_VERSION ?? "5.9";

const modulesOf = (version) => join(TYPESCRIPT_PROJECTS[version], "node_modules");

/** The Node.js that runs tspc: ts-patch 4 (TypeScript 6) needs Node >= 22.15, so the Node 22 of its project; ts-patch 3.3 runs on this one (20). */
export const nodeOf = (version) => (version.startsWith("5.") ? process.execPath : join(modulesOf(version), ".bin/node"));

/** Writes `files` (name → text, or an object written as JSON) under `dir`. */
export function writeFiles(dir, files) {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
}

/** A fresh project with `files`, whose node_modules holds `version`'s TypeScript, ts-patch, and the packed package. */
export function packedProject(files, { version = VERSION } = {}) {
  const modules = modulesOf(version);
  checkPacked(modules);
  const dir = tempDir(`ts-async-init-ts${version}-`);
  symlinkSync(modules, join(dir, "node_modules"), "dir");
  writeFiles(dir, files);
  return dir;
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
  const packages = Object.entries(dependencies).map(([name, exact]) => `${name}@${exact}`);
  execFileSync("npm", ["install", "--save-dev", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", TARBALL, ...packages], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  return dir;
}

/** Runs a tool's command line from `dir`'s own node_modules (e.g. "typescript/bin/tsc") with the Node.js for `version`. */
export function runBin(dir, bin, args, { version = VERSION } = {}) {
  return spawnSync(nodeOf(version), [join(dir, "node_modules", bin), ...args], { cwd: dir, encoding: "utf8", timeout: 120_000 });
}

/** Runs `tspc` (ts-patch's tsc) in `dir`; returns `{ status, stdout, stderr }`. */
export function tspc(dir, args = ["-p", "."], { version = VERSION } = {}) {
  const bin = join(modulesOf(version), "ts-patch/bin/tspc.js");
  return spawnSync(nodeOf(version), [bin, ...args], { cwd: dir, encoding: "utf8", timeout: 120_000 });
}

/** Runs a compiled file with the Node.js that ran tspc. */
export function runOutput(file, { version = VERSION } = {}) {
  return spawnSync(nodeOf(version), [file], { cwd: dirname(file), encoding: "utf8", timeout: 60_000 });
}

/**
 * Starts `tspc --watch` in `dir`. `build(n)` resolves with the output of the n-th
 * build (1 is the first) once tspc has written all of it, up to its "Found N errors";
 * `stop()` ends the watcher.
 */
export function watchTspc(dir, args = ["-p", "."], { version = VERSION } = {}) {
  const bin = join(modulesOf(version), "ts-patch/bin/tspc.js");
  const child = spawn(nodeOf(version), [bin, "--watch", ...args, "--preserveWatchOutput", "--pretty", "false"], { cwd: dir });
  let output = "";
  let waiting = () => {};
  // Each build ends with "Found N errors. Watching for file changes."
  const builds = () => output.match(/[\s\S]*?Watching for file changes\./g) ?? [];
  child.stdout.on("data", (chunk) => {
    output += chunk;
    waiting();
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const build = (n) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tspc --watch: no build ${n} within 60 s; output so far:\n${output}`)), 60_000);
      waiting = () => {
        if (builds().length < n) return;
        clearTimeout(timer);
        resolve(builds()[n - 1]);
      };
      waiting();
    });
  return { build, stop: () => child.kill() };
}

/**
 * Fails clearly unless `modules` holds the packed package, installed by
 * scripts/pack-for-tests.mjs from this build of dist/ (not a link to the repository).
 */
function checkPacked(modules) {
  const installed = join(modules, "ts-async-init");
  const stat = lstatSync(installed, { throwIfNoEntry: false });
  const again = "run `npm run pretest` (it packs the package and installs it there)";
  if (!stat || stat.isSymbolicLink()) throw new Error(`${installed} is not the packed package: ${again}`);
  const dist = join(ROOT, "dist");
  // The installed files are those the package ships (package.json "files"), each as this build made it.
  const same = (file) => readFileSync(join(installed, "dist", file), "utf8") === readFileSync(join(dist, file), "utf8");
  const shipped = readdirSync(join(installed, "dist"), { recursive: true }).map(String).filter((f) => f.endsWith(".js"));
  const stale = shipped.length === 0 ? "index.js" : shipped.find((f) => !existsSync(join(dist, f)) || !same(f));
  if (stale) throw new Error(`${installed}/dist/${stale} is not this build's dist/${stale}: ${again}`);
}
