// Installs test/runtimes (a Node.js that runs `await using` natively) unless it is there already.
// Run by `npm install` (the `prepare` script), so a fresh clone needs nothing else.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

const dir = new URL("../test/runtimes/", import.meta.url).pathname;
if (!existsSync(`${dir}node_modules/.bin/node`)) {
  execSync("npm ci --no-audit --no-fund", { cwd: dir, stdio: "inherit" });
}
