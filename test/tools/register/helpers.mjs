// Shared by the tests that run ts-async-init/register (test/tools/register.test.mjs, and the
// loaders of test/tools/semantics.test.mjs).
//
// tsx, the TypeScript the hook parses with, and Node 26 are installed once in this folder
// (scripts/prepare-dev.mjs), and `npm test` installs the packed package into it
// (scripts/pack-for-tests.mjs). Apps are written to fresh folders under apps/, which resolve
// these node_modules. Node 24 and 22 are test/runtimes' and test/runtimes/typescript6's.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "../../support/project.mjs";

export const PROJECT = join(ROOT, "test/tools/register");
export const NODE_22 = join(ROOT, "test/runtimes/typescript6/node_modules/.bin/node");
export const NODE_26 = join(PROJECT, "node_modules/.bin/node");

/** Fails early, with what to do, when `npm run pretest` has not installed the packed package. */
export function assertInstalled() {
  if (!existsSync(join(PROJECT, "node_modules/ts-async-init/package.json"))) {
    throw new Error("test/tools/register has no packed ts-async-init: run `npm run pretest` first.");
  }
}

/** A fresh folder under apps/ (removed when the test process exits, unless KEEP_TEMP=1). */
export const appDir = (name) => tempDir(`${name}-`, join(PROJECT, "apps"));
