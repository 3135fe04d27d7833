// The project's own checks, as `npm test` runs them: Biome lints the source, the
// scripts, the benchmarks and the tests, and checks their formatting (biome.json says
// what each covers: the plumbing's two sources and the test programs keep their layout,
// which the emitted text and the tests' line numbers depend on).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import test from "ava";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

test("biome ci: no lint error, every file formatted", (t) => {
  const result = spawnSync(process.execPath, [`${ROOT}node_modules/@biomejs/biome/bin/biome`, "ci", "--colors=off", "."], { cwd: ROOT, encoding: "utf8" });
  t.is(result.status, 0, `${result.stdout}${result.stderr}`);
});
