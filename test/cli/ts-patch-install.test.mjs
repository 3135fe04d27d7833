// `ts-patch install` (the persistent patch) and then plain `tsc`, in a project
// with its own typescript, ts-patch and the packed package (never the
// repository's node_modules, which this would patch).

import { join } from "node:path";
import test from "ava";
import { installedProject, runBin, runOutput, VERSION } from "../support/packed.mjs";

const MAIN = `const log: string[] = [];
/** @asyncInit */
class Db {
  async init() { await new Promise((r) => setTimeout(r, 1)); log.push("init"); }
}
async function main() {
  {
    await using db = new Db();
    log.push("body");
  }
  const other = await new Db();
  console.log(log.join(", ") + "; then is " + typeof (other as any).then);
}
main();
`;

test(`ts-patch install, then plain tsc runs the plugin: no TS2851, and the output runs (TypeScript ${VERSION})`, (t) => {
  const dir = installedProject({
    "tsconfig.json": {
      compilerOptions: {
        target: "ES2022",
        module: "commonjs",
        lib: ["ES2022", "ESNext.Disposable", "DOM"],
        types: [],
        strict: true,
        outDir: "out",
        rootDir: "src",
        plugins: [{ transform: "ts-async-init", transformProgram: true }],
      },
      include: ["src"],
    },
    "src/main.ts": MAIN,
  });
  // The control: unpatched, plain tsc ignores the plugin entry.
  t.regex(runBin(dir, "typescript/bin/tsc", ["-p", "."]).stdout, /src\/main\.ts\(8,22\): error TS2851/);

  const patch = runBin(dir, "ts-patch/bin/ts-patch.js", ["install"]);
  t.is(patch.code, 0, patch.output);
  const tsc = runBin(dir, "typescript/bin/tsc", ["-p", "."]);
  t.is(tsc.stdout + tsc.stderr, "");
  t.is(tsc.code, 0);
  const run = runOutput(join(dir, "out/main.js"));
  t.is(run.stderr, "");
  t.is(run.stdout.trim(), "init, body, init; then is undefined");
});
