// Where the test projects live, for the scripts that install them and the tests that use them.
import { join } from "node:path";

export const ROOT = new URL("..", import.meta.url).pathname;

/** The package as `npm pack` makes it, rebuilt by every `npm test`. */
export const TARBALL = join(ROOT, ".tmp/pack/ts-async-init.tgz");

/**
 * Test projects with tools of their own (package.json + lock), installed once by
 * prepare-dev.mjs; the packed package is installed into each by pack-for-tests.mjs.
 */
export const PACKED_PROJECTS = [
  join(ROOT, "test/tools/compiler"), // ts-node, webpack + ts-loader, Jest + ts-jest, Rollup (test/tools)
];
