// Packs this package as users get it (`npm pack`) and installs the tarball into
// each test project under test/ that tests a tool from the packed package, so
// that their end-to-end tests use what a user installs, not this repository.
// Run by `npm test` (the `pretest` script) after the build; each test project
// listed here keeps its own tools in its own package.json and lock, installed
// once by scripts/prepare-dev.mjs.
//
//   node scripts/pack-for-tests.mjs            pack, then install into every project
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PACKED_PROJECTS, ROOT, TARBALL } from "./test-projects.mjs";

const npm = (args, cwd) => execFileSync("npm", args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

const folder = join(TARBALL, "..");
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
npm(["pack", "--silent", "--pack-destination", folder], ROOT);
const [packed] = readdirSync(folder).filter((f) => f.endsWith(".tgz"));
renameSync(join(folder, packed), TARBALL);

for (const project of PACKED_PROJECTS) {
  if (!existsSync(join(project, "node_modules"))) continue; // prepare-dev.mjs installs it first
  npm(["install", "--no-save", "--no-audit", "--no-fund", "--prefer-offline", TARBALL], project);
}
