// Development set-up, run by `npm install` (the `prepare` script) after the build,
// so that a fresh clone needs nothing else:
// - node_modules/ts-async-init links to this package, so the example and the test
//   projects name the plugin in tsconfig.json exactly as a user does ("transform": "ts-async-init");
// - test/runtimes gets a Node.js that runs `await using` natively, for the ESNext exec tests;
// - test/runtimes/typescript6 gets TypeScript 6 with ts-patch 4 and the Node.js 22 that runs its tspc;
// - test/tools/compiler gets the build tools on the TypeScript compiler (test/tools).
// - test/runtimes/typescript5.{2,4,9} get those TypeScripts with ts-patch 3.3 (the version matrix, test/versions).
import { existsSync, lstatSync, symlinkSync } from "node:fs";
import { execSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;

const self = `${root}node_modules/ts-async-init`;
if (existsSync(`${root}node_modules`) && !lstatSync(self, { throwIfNoEntry: false })) symlinkSync("..", self, "dir");

const install = (dir, marker) => {
  if (!existsSync(`${dir}${marker}`)) execSync("npm ci --no-audit --no-fund", { cwd: dir, stdio: "inherit" });
};
install(`${root}test/runtimes/`, "node_modules/.bin/node");
install(`${root}test/runtimes/typescript6/`, "node_modules/.bin/node");
install(`${root}test/tools/compiler/`, "node_modules/ts-jest/package.json");
install(`${root}test/runtimes/typescript5.2/`, "node_modules/ts-patch/package.json");
install(`${root}test/runtimes/typescript5.4/`, "node_modules/ts-patch/package.json");
install(`${root}test/runtimes/typescript5.9/`, "node_modules/ts-patch/package.json");
