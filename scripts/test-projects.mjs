// Where the test projects live, for the scripts that install them and the tests that use them.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The package as `npm pack` makes it, rebuilt by every `npm test`. */
export const TARBALL = join(ROOT, ".tmp/pack/ts-async-init.tgz");

/**
 * Test projects with tools of their own (package.json + lock), installed once by
 * prepare-dev.mjs; the packed package is installed into each by pack-for-tests.mjs.
 */
export const PACKED_PROJECTS = [
  join(ROOT, "test/tools/compiler"), // ts-node, webpack + ts-loader, Jest + ts-jest, Rollup (test/tools)
  join(ROOT, "test/tools/register"), // ts-async-init/register: tsx, Node 26 (test/tools/register.test.mjs)
  join(ROOT, "test/tools/bundlers"), // the bundler plugins: Vite, vitest, Rolldown, Rollup, esbuild, webpack, Rspack, Bun (test/tools/bundlers)
  join(ROOT, "test/tools/typescript7"), // TypeScript 7 with @typescript/typescript6: the command line (test/cli/cli.test.mjs, test/tools/typescript7.test.mjs)
];

/**
 * The TypeScript versions under test (test/versions), each with a project that
 * holds that TypeScript and its ts-patch: ts-patch 3.3 for 5.x, ts-patch 4 (and
 * Node 22) for 6. Every minor the peer range allows is here: 5.2, 5.4 and 6.0 run
 * the shared tests, the minors between them the tspc test.
 * The repository's own TypeScript (devDependencies) is 5.9 too; its project here
 * is for the tests that need the packed package next to a real `tspc`.
 */
export const TYPESCRIPT_PROJECTS = {
  5.2: join(ROOT, "test/runtimes/typescript5.2"),
  5.3: join(ROOT, "test/runtimes/typescript5.3"),
  5.4: join(ROOT, "test/runtimes/typescript5.4"),
  5.5: join(ROOT, "test/runtimes/typescript5.5"),
  5.6: join(ROOT, "test/runtimes/typescript5.6"),
  5.7: join(ROOT, "test/runtimes/typescript5.7"),
  5.8: join(ROOT, "test/runtimes/typescript5.8"),
  5.9: join(ROOT, "test/runtimes/typescript5.9"),
  "6.0": join(ROOT, "test/runtimes/typescript6"),
};
export const TYPESCRIPT_VERSIONS = Object.keys(TYPESCRIPT_PROJECTS);
PACKED_PROJECTS.push(...Object.values(TYPESCRIPT_PROJECTS));
