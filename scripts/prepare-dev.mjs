// Development set-up, run by `npm install` (the `prepare` script) after the build,
// so that a fresh clone needs nothing else:
// - node_modules/ts-async-init links to this package, so the example and the test
//   projects name the plugin in tsconfig.json exactly as a user does ("transform": "ts-async-init");
// - test/runtimes gets a Node.js that runs `await using` natively, for the ESNext exec tests.
import { existsSync, lstatSync, symlinkSync } from "node:fs";
import { execSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;

const self = `${root}node_modules/ts-async-init`;
if (existsSync(`${root}node_modules`) && !lstatSync(self, { throwIfNoEntry: false })) symlinkSync("..", self, "dir");

const runtimes = `${root}test/runtimes/`;
if (!existsSync(`${runtimes}node_modules/.bin/node`)) {
  execSync("npm ci --no-audit --no-fund", { cwd: runtimes, stdio: "inherit" });
}
