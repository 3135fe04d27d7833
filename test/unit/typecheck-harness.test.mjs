// The test harness type-checks: the .mjs files under test/ and the scripts, as
// JavaScript checked from their JSDoc (tsconfig.tests.json says which files and
// how strictly). The test programs are checked by test/typecheck.test.mjs.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import test from "ava";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

test("tsc -p tsconfig.tests.json: the tests and scripts type-check", (t) => {
  const result = spawnSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, "-p", "tsconfig.tests.json", "--pretty", "false"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 300_000,
  });
  t.is(`${result.stdout}${result.stderr}`, "");
  t.is(result.status, 0);
});
