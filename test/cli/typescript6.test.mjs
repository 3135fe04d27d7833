// The plugin on TypeScript 6: ts-patch 4's real `tspc`, run by Node 24 (ts-patch 4
// needs Node >= 22.15), on a project that names the plugin as a user does.
import test from "ava";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NODE_24, ROOT, tempDir } from "../helpers/build.mjs";

const TS6 = join(ROOT, "test/runtimes/typescript6/node_modules");

function project(plugins) {
  const dir = tempDir("ts-async-init-ts6-");
  mkdirSync(join(dir, "src"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules/ts-async-init"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "commonjs" }));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { target: "ES2022", module: "commonjs", lib: ["ES2022", "ESNext.Disposable", "DOM"], types: [], strict: true, outDir: "out", rootDir: "src", plugins },
    include: ["src"],
  }));
  // Db declares no teardown of its own: `await using` of it is TS2851 unless the program transformer corrects the checker.
  writeFileSync(join(dir, "src/main.ts"), `
const log: string[] = [];
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
`);
  return dir;
}

const tspc = (dir) => spawnSync(NODE_24, [join(TS6, "ts-patch/bin/tspc.js"), "-p", "."], { cwd: dir, encoding: "utf8" });
const run = (dir) => spawnSync(NODE_24, [join(dir, "out/main.js")], { encoding: "utf8" });

test("TypeScript 6 is the compiler under test", (t) => {
  t.regex(JSON.parse(readFileSync(join(TS6, "typescript/package.json"), "utf8")).version, /^6\./);
  t.regex(JSON.parse(readFileSync(join(TS6, "ts-patch/package.json"), "utf8")).version, /^4\./);
});

test("TypeScript 6 + ts-patch 4: the program transformer compiles without TS2851 and the output runs", (t) => {
  const dir = project([{ transform: "ts-async-init", transformProgram: true }]);
  const result = tspc(dir);
  t.is(result.stdout + result.stderr, "");
  t.is(result.status, 0);
  const out = run(dir);
  t.is(out.stderr, "");
  t.is(out.stdout.trim(), "init, body, init; then is undefined");
});

test("TypeScript 6 + ts-patch 4: the plain entry rewrites the JavaScript (and the checker still reports TS2851)", (t) => {
  const dir = project([{ transform: "ts-async-init" }]);
  const result = tspc(dir);
  t.regex(result.stdout, /src\/main\.ts\(9,22\): error TS2851/);
  t.is(result.status, 2, "errors reported, output written");
  const out = run(dir);
  t.is(out.stderr, "");
  t.is(out.stdout.trim(), "init, body, init; then is undefined");
});
