// Development set-up, run by `npm install` (the `prepare` script) after the build,
// so that a fresh clone needs nothing else:
// - node_modules/ts-async-init links to this package, so the example and the test
//   projects name the plugin in tsconfig.json exactly as a user does ("transform": "ts-async-init");
// - test/runtimes gets a Node.js that runs `await using` natively, for the ESNext exec tests;
// - test/runtimes/typescript<version> get each TypeScript of the version matrix with its
//   ts-patch (and, for TypeScript 6, the Node.js 22 that runs its tspc): test/versions;
// - test/tools/compiler gets the build tools on the TypeScript compiler (test/tools);
// - test/tools/register gets tsx, and Node 26, for ts-async-init/register (test/tools/register.test.mjs).
// - test/tools/bundlers gets the bundlers, for the bundler plugins (test/tools/bundlers).
// - test/tools/typescript7 gets TypeScript 7 with @typescript/typescript6, for the command line.
// Each is a project with its own package.json and lock, installed once with `npm ci`.

import { execSync } from "node:child_process";
import { existsSync, lstatSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TYPESCRIPT_PROJECTS } from "./test-projects.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

const self = `${root}node_modules/ts-async-init`;
if (existsSync(`${root}node_modules`) && !lstatSync(self, { throwIfNoEntry: false })) symlinkSync("..", self, "dir");

/** `npm ci` in `dir`, unless `marker` (a file the install makes) is there already. */
const install = (dir, marker) => {
  if (!existsSync(join(dir, marker))) execSync("npm ci --no-audit --no-fund", { cwd: dir, stdio: "inherit" });
};
install(`${root}test/runtimes/`, "node_modules/.bin/node");
for (const [version, dir] of Object.entries(TYPESCRIPT_PROJECTS)) {
  install(dir, version.startsWith("5.") ? "node_modules/ts-patch/package.json" : "node_modules/.bin/node");
}
install(`${root}test/tools/compiler/`, "node_modules/ts-jest/package.json");
install(`${root}test/tools/register/`, "node_modules/tsx/package.json");
install(`${root}test/tools/bundlers/`, "node_modules/vite/package.json");
install(`${root}test/tools/typescript7/`, "node_modules/@typescript/typescript6/package.json");

// ts-patch writes its patched copy of TypeScript to a cache on first use, under a lock that
// tests running tspc in parallel would contend for ("Could not acquire lock to write file"):
// write each project's cache once now (TypeScript 6's ts-patch 4 runs on its own Node 22).
for (const dir of [root, ...Object.values(TYPESCRIPT_PROJECTS), `${root}test/tools/compiler/`]) {
  const tspc = join(dir, "node_modules/ts-patch/bin/tspc.js");
  const node = existsSync(join(dir, "node_modules/.bin/node")) ? join(dir, "node_modules/.bin/node") : process.execPath;
  if (existsSync(tspc)) execSync(`"${node}" "${tspc}" --version`, { cwd: dir, stdio: "ignore" });
}
