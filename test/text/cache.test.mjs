// The cache of the text back end's results on disk (frontends/cache.ts), which the bundler
// plugins and ts-async-init/register use: a module rewritten before, with the same text and
// settings, comes back from its entry in a fresh process without loading TypeScript; an edit,
// other options or another TypeScript miss; a broken entry or a folder that cannot be written
// changes nothing but the speed.

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import test from "ava";
import { NODE_24, ROOT, tempDir } from "../support/project.mjs";
import { ts } from "./support.mjs";

const require = createRequire(import.meta.url);
const { cachedTransform } = require("../../dist/frontends/cache.js");
const { transform } = require("../../dist/api.js");

const DB = `/** @asyncInit */
export class Db {
  async init() {}
}
`;
const BROKEN = `/** @asyncInit */
export class Broken {}
`;
const OPTIONS = { keepLines: true, plumbing: { import: "ts-async-init/plumbing" } };

/** What a result is, as JSON (the map's fields, not its methods). */
const plain = (result) => JSON.parse(JSON.stringify({ ...result, map: result.map && { ...result.map } }));

/**
 * Transforms `code` through the cache in `dir`, in a fresh process: the result, and whether
 * that process loaded TypeScript.
 */
function inFreshProcess(dir, code, fileName = "/app/src/db.ts", node = process.execPath, env = process.env) {
  const script = `
    const { cachedTransform } = require(${JSON.stringify(join(ROOT, "dist/frontends/cache.js"))});
    const result = cachedTransform(${JSON.stringify(dir)})(${JSON.stringify(code)}, ${JSON.stringify(fileName)}, ${JSON.stringify(OPTIONS)});
    const files = Object.keys(require.cache);
    const loaded = files.some((file) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(file));
    const analysis = files.some((file) => /[\\\\/]dist[\\\\/](core[\\\\/]analyze|emit[\\\\/])|magic-string/.test(file));
    const typescript = files.find((file) => /[\\/]typescript[\\/]lib[\\/]typescript.js$/.test(file));
    // A later require("typescript") gets the instance the cache loaded: one TypeScript in the process.
    const shared = typescript !== undefined && require.cache[typescript].exports === require("typescript");
    console.log(JSON.stringify({ result: { ...result, map: result.map && { ...result.map }, url: result.map && result.map.toUrl().slice(0, 29) }, loaded, analysis, shared }));
  `;
  const run = spawnSync(node, ["-e", script], { cwd: ROOT, encoding: "utf8", env });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

test("a module rewritten before comes back from the cache in a fresh process, as transform made it, without loading TypeScript or the analysis", (t) => {
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  const first = inFreshProcess(dir, DB);
  const second = inFreshProcess(dir, DB);
  t.true(first.loaded, "the first run parses with TypeScript");
  t.false(second.loaded, "the second reads the entry");
  t.true(first.analysis);
  t.false(second.analysis, "nor the analysis, the back end or magic-string");
  t.deepEqual(second.result, first.result);
  t.is(second.result.url, "data:application/json;charset");
  const { map, ...rest } = plain(transform(DB, "/app/src/db.ts", OPTIONS));
  t.deepEqual({ ...second.result, url: undefined }, { ...rest, map, url: undefined });
  t.deepEqual(entries(dir).length, 1);
});

/** The folder's entries: its .json files (not V8's code cache, in v8/). */
const entries = (dir) => readdirSync(dir).filter((name) => name.endsWith(".json"));
/** The code cache files in the folder's v8/, with their bytes and inode (a file written again is a new one: it is renamed into place). */
const codeCaches = (dir) =>
  existsSync(join(dir, "v8"))
    ? readdirSync(join(dir, "v8")).map((name) => ({ name, bytes: readFileSync(join(dir, "v8", name)), inode: statSync(join(dir, "v8", name)).ino }))
    : [];

test("a miss loads TypeScript with V8's code cache in the folder: written after the first parse, read back by the next process, written again when V8 turns it down", (t) => {
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  const edited = DB.replace("async init() {}", "async init() { await 0; }");
  const first = inFreshProcess(dir, DB);
  const [{ name, bytes, inode }, ...more] = codeCaches(dir);
  t.deepEqual(more, []);
  t.regex(name, /^[0-9a-f]{20}-[0-9a-f]{20}\.bin$/);
  t.true(first.loaded && first.shared, "TypeScript is loaded, and is require('typescript')'s instance");

  // The next process misses its entry (an edit), loads TypeScript from the code cache and leaves it as it is.
  const second = inFreshProcess(dir, edited);
  t.true(second.loaded && second.shared);
  t.deepEqual(codeCaches(dir), [{ name, bytes, inode }], "V8 took the cache: nothing to write");
  t.deepEqual(second.result.code, transform(edited, "/app/src/db.ts", OPTIONS).code);

  // A cache V8 turns down (here: bytes that are not one) is only slower, and is written again.
  writeFileSync(join(dir, "v8", name), "not a code cache");
  rmSync(join(dir, entries(dir)[0]));
  const third = inFreshProcess(dir, edited);
  t.deepEqual(third.result, second.result);
  const [{ bytes: rewritten }] = codeCaches(dir);
  t.true(rewritten.length > 1000 && rewritten.subarray(0, 16).toString() !== "not a code cache");

  // Damaged bytes after a header V8 would take (a disk, a restored or synced folder) are not used:
  // V8 checks only the header, and such bytes crashed or hung the process. Written again.
  const damaged = Buffer.from(rewritten);
  for (let i = damaged.length >> 1; i < (damaged.length >> 1) + 2000; i++) damaged[i] ^= 0x5a;
  writeFileSync(join(dir, "v8", name), damaged);
  rmSync(join(dir, entries(dir)[0]));
  const fourth = inFreshProcess(dir, edited);
  t.deepEqual(fourth.result, second.result);
  const [again, ...others] = codeCaches(dir);
  t.deepEqual(others, []);
  t.false(again.bytes.equals(damaged), "written again");
});

test("writing V8's code cache removes those of earlier installs of the same TypeScript (another size or time), and keeps another Node's", (t) => {
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  inFreshProcess(dir, DB);
  const [{ name }] = codeCaches(dir);
  const prefix = name.slice(0, 21);
  mkdirSync(join(dir, "v8"), { recursive: true });
  writeFileSync(join(dir, "v8", `${prefix}${"0".repeat(20)}.bin`), "an earlier install's");
  writeFileSync(join(dir, "v8", `${"1".repeat(20)}-${"0".repeat(20)}.bin`), "another Node's");
  rmSync(join(dir, "v8", name));
  rmSync(join(dir, entries(dir)[0]));
  inFreshProcess(dir, DB);
  t.deepEqual(
    codeCaches(dir)
      .map((file) => file.name)
      .sort(),
    [`${"1".repeat(20)}-${"0".repeat(20)}.bin`, name].sort(),
  );
});

test("a code cache is not used for a file edited in place to the same size with its modification time kept (touch -r, cp -p): V8 would take it and run the old code", (t) => {
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  const home = tempDir("ts-async-init-edited-");
  const main = join(home, "main.js");
  // More than a line (a main of a few bytes is taken for a re-export), the same length in both versions.
  const code = (version) => `exports.version = "${version}";\n${"// padding\n".repeat(30)}`;
  const load = () => {
    const script = `
      const { requireWithCodeCache } = require(${JSON.stringify(join(ROOT, "dist/frontends/codeCache.js"))});
      const loaded = requireWithCodeCache(${JSON.stringify(main)}, ${JSON.stringify(dir)});
      loaded.save();
      console.log(loaded.exports.version);
    `;
    const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    t.is(run.stderr, "");
    return run.stdout.trim();
  };
  // A time in whole seconds, which utimes sets back exactly.
  const time = 1_700_000_000;
  writeFileSync(main, code("1.0.0"));
  utimesSync(main, time, time);
  t.is(load(), "1.0.0");
  t.is(load(), "1.0.0", "from the code cache");
  t.is(codeCaches(dir).length, 1);
  writeFileSync(main, code("2.0.0"));
  utimesSync(main, time, time);
  t.is(statSync(main).mtimeMs, time * 1000);
  t.is(load(), "2.0.0");
});

test("a typescript main that only re-exports another module (@typescript/typescript6's) has the code cache of that module", (t) => {
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  const home = tempDir("ts-async-init-reexport-");
  const real = require.resolve("typescript");
  writeFileSync(join(home, "main.js"), `module.exports = require(${JSON.stringify(real)});\n`);
  const script = `
    const { requireWithCodeCache } = require(${JSON.stringify(join(ROOT, "dist/frontends/codeCache.js"))});
    const loaded = requireWithCodeCache(${JSON.stringify(join(home, "main.js"))}, ${JSON.stringify(dir)});
    loaded.exports.createSourceFile("a.ts", "let a = 1;", 99);
    loaded.save();
    console.log(JSON.stringify({ version: loaded.exports.version, cached: require.cache[${JSON.stringify(real)}] !== undefined }));
  `;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  t.is(run.status, 0, run.stderr);
  t.deepEqual(JSON.parse(run.stdout), { version: ts.version, cached: true });
  const [file] = codeCaches(dir);
  t.true(file.bytes.length > 100_000, `${file.bytes.length} bytes: the code of TypeScript, not of the one line`);
});

test("the key's TypeScript version is the one loaded: @typescript/typescript6's own version, and that of the typescript it re-exports, which its ^6 lets move on alone", (t) => {
  const { versionParsedWith } = require("../../dist/frontends/typescript.js");
  const home = tempDir("ts-async-init-side-");
  const manifest = (name, version) => {
    mkdirSync(join(home, "node_modules", name), { recursive: true });
    writeFileSync(join(home, "node_modules", name, "package.json"), JSON.stringify({ name, version }));
  };
  manifest("@typescript/typescript6", "6.0.2");
  manifest("@typescript/old", "6.0.3");
  const side = { name: "@typescript/typescript6", version: "6.0.2", dir: join(home, "node_modules/@typescript/typescript6") };
  const before = versionParsedWith(side);
  t.is(before, "@typescript/typescript6 6.0.2: typescript 6.0.3");
  manifest("@typescript/old", "6.1.0");
  t.not(versionParsedWith(side), before, "the re-exported typescript moved on alone");
  t.is(versionParsedWith({ name: "typescript", version: "5.9.3", dir: home }), "5.9.3");
});

test("where Node keeps its own compile cache (NODE_COMPILE_CACHE, Vite's command line from Node 22.8), TypeScript is required as usual, with no code cache of this package's", (t) => {
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  const nodeCache = join(tempDir("ts-async-init-cache-"), "node");
  const run = inFreshProcess(dir, DB, "/app/src/db.ts", NODE_24, { ...process.env, NODE_COMPILE_CACHE: nodeCache });
  t.true(run.loaded && run.shared);
  t.deepEqual(run.result.code, transform(DB, "/app/src/db.ts", OPTIONS).code);
  t.deepEqual(codeCaches(dir), []);
  t.true(readdirSync(nodeCache).length > 0, "Node's cache has it");
});

test("an edit, other options or another TypeScript miss; an edit replaces its module's entry", (t) => {
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  const cached = cachedTransform(dir);
  const edited = DB.replace("async init() {}", "async init() { await 0; }");
  t.deepEqual(plain(cached(DB, "db.ts", OPTIONS)), plain(transform(DB, "db.ts", OPTIONS)));
  t.deepEqual(plain(cached(edited, "db.ts", OPTIONS)), plain(transform(edited, "db.ts", OPTIONS)));
  t.is(entries(dir).length, 1, "one entry for the module");
  t.deepEqual(plain(cached(edited, "db.ts", {})), plain(transform(edited, "db.ts", {})), "other options");
  t.is(entries(dir).length, 2);
  // Another TypeScript: the entry's key holds its version.
  let parsed = 0;
  const counting = { ...ts, version: "5.9.99", createSourceFile: (...args) => (parsed++, ts.createSourceFile(...args)) };
  cached(edited, "db.ts", { ...OPTIONS, typescript: counting });
  cached(edited, "db.ts", { ...OPTIONS, typescript: counting });
  t.is(parsed, 1, "parsed once for that version, then read back");
});

test("diagnostics come back with the result: an error fails every build, not just the first", (t) => {
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  const first = inFreshProcess(dir, BROKEN, "/app/src/broken.ts");
  const second = inFreshProcess(dir, BROKEN, "/app/src/broken.ts");
  t.false(second.loaded);
  t.deepEqual(
    second.result.diagnostics.map((d) => [d.code, d.category, d.line, d.column]),
    [[46001, "error", 2, 14]],
  );
  t.deepEqual(second.result, first.result);
});

test("a broken entry is a miss and is written again; a folder that cannot be written leaves every module to transform, and is tried again until three writes in a row failed", (t) => {
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  const cached = cachedTransform(dir);
  cached(DB, "db.ts", OPTIONS);
  const [entry] = entries(dir);
  writeFileSync(join(dir, entry), '{"key": "');
  t.deepEqual(plain(cached(DB, "db.ts", OPTIONS)), plain(transform(DB, "db.ts", OPTIONS)));
  t.notThrows(() => JSON.parse(readFileSync(join(dir, entry), "utf8")));
  // An entry whose result lost a part (its map, with the rewritten code kept; its diagnostics) is a miss too:
  // output without a map would pass for a module with nothing to rewrite.
  for (const damage of [(result) => ({ ...result, map: null }), (result) => ({ ...result, diagnostics: null })]) {
    const stored = JSON.parse(readFileSync(join(dir, entry), "utf8"));
    writeFileSync(join(dir, entry), JSON.stringify({ ...stored, result: damage(stored.result) }));
    t.deepEqual(plain(cached(DB, "db.ts", OPTIONS)), plain(transform(DB, "db.ts", OPTIONS)));
  }

  // Still JSON, and still whole, but not what was written (bytes changed on the disk): a miss, not its code.
  const stored = JSON.parse(readFileSync(join(dir, entry), "utf8"));
  const changed = stored.result.code.replace("init()", "tini()");
  t.not(changed, stored.result.code);
  writeFileSync(join(dir, entry), JSON.stringify({ ...stored, result: { ...stored.result, code: changed } }));
  t.deepEqual(plain(cached(DB, "db.ts", OPTIONS)), plain(transform(DB, "db.ts", OPTIONS)));

  const blocked = tempDir("ts-async-init-cache-");
  writeFileSync(join(blocked, "file"), "");
  const unwritable = cachedTransform(join(blocked, "file", "cache"));
  t.deepEqual(plain(unwritable(DB, "db.ts", OPTIONS)), plain(transform(DB, "db.ts", OPTIONS)));
  t.deepEqual(plain(unwritable(DB, "db.ts", OPTIONS)), plain(transform(DB, "db.ts", OPTIONS)));
  // A failed write that passes (the folder writable again) does not turn the cache off for the rest of the process.
  rmSync(join(blocked, "file"));
  const other = DB.replace("async init() {}", "async init() { await 0; }");
  t.deepEqual(plain(unwritable(other, "other.ts", OPTIONS)), plain(transform(other, "other.ts", OPTIONS)));
  t.is(entries(join(blocked, "file", "cache")).length, 1, "written once the folder can be");
  // Three failed writes in a row: the process stops trying (a read-only folder, a full disk), and works on without it.
  const stuck = tempDir("ts-async-init-cache-");
  writeFileSync(join(stuck, "file"), "");
  const givenUp = cachedTransform(join(stuck, "file", "cache"));
  for (const name of ["a.ts", "b.ts", "c.ts"]) givenUp(DB, name, OPTIONS);
  rmSync(join(stuck, "file"));
  t.deepEqual(plain(givenUp(DB, "d.ts", OPTIONS)), plain(transform(DB, "d.ts", OPTIONS)));
  t.false(existsSync(join(stuck, "file", "cache")), "no more writes");
});

test("a write that fails leaves no temporary file behind, and the module's result is the same", (t) => {
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  const cached = cachedTransform(dir);
  cached(DB, "db.ts", OPTIONS);
  const [entry] = readdirSync(dir);
  // The entry's name taken by a folder: the temporary file is written, renaming it fails.
  rmSync(join(dir, entry));
  mkdirSync(join(dir, entry, "taken"), { recursive: true });
  const edited = DB.replace("init() {}", "init() { return; }");
  t.deepEqual(plain(cached(edited, "db.ts", OPTIONS)), plain(transform(edited, "db.ts", OPTIONS)));
  t.deepEqual(readdirSync(dir), [entry]);
});

test("the default folder is node_modules/.cache/ts-async-init of the nearest folder up that has a node_modules", (t) => {
  const { defaultCacheDir } = require("../../dist/frontends/cache.js");
  const project = tempDir("ts-async-init-cache-");
  mkdirSync(join(project, "node_modules"));
  mkdirSync(join(project, "src", "deep"), { recursive: true });
  t.is(defaultCacheDir(join(project, "src", "deep")), join(project, "node_modules", ".cache", "ts-async-init"));
  t.is(defaultCacheDir(project), join(project, "node_modules", ".cache", "ts-async-init"));
});

test("a bundler plugin loads the analysis and the text back end only when a module misses the cache", (t) => {
  const script = `
    const plugin = require(${JSON.stringify(join(ROOT, "dist/vite.js"))})({ cacheDir: false });
    // emit/text/marker.js (how rewritten code says it is one: a few lines) and the comments' texts it imports may load first.
    const loaded = () => Object.keys(require.cache).some((file) => /[\\\\/]dist[\\\\/](core[\\\\/]analyze|emit[\\\\/](?!text[\\\\/]marker\\.js|comments\\.js))|magic-string/.test(file));
    const before = loaded();
    plugin.transform.handler.call({ error() {}, warn() {} }, ${JSON.stringify(DB)}, "/app/src/db.ts");
    console.log(JSON.stringify([before, loaded()]));
  `;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  t.is(run.stderr, "");
  t.deepEqual(JSON.parse(run.stdout), [false, true]);
});

test("a build of the package without dist/build-id.txt (plain tsc, no npm run build) keeps nothing: it could not tell its entries from another build's", (t) => {
  // Inside the repository, so that the copy finds its dependencies in node_modules.
  const copy = join(tempDir("cache-dist-", join(ROOT, ".tmp")), "dist");
  cpSync(join(ROOT, "dist"), copy, { recursive: true });
  rmSync(join(copy, "build-id.txt"));
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  const { cachedTransform: fromCopy } = require(join(copy, "frontends/cache.js"));
  t.deepEqual(plain(fromCopy(dir)(DB, "db.ts", OPTIONS)), plain(transform(DB, "db.ts", OPTIONS)));
  t.false(existsSync(dir));
  t.regex(readFileSync(join(ROOT, "dist/build-id.txt"), "utf8"), /^[0-9a-f]{64}\n$/, "npm run build writes it");
});

test("a module that mentions neither the tag nor await using gets no entry, and comes back as it went in", (t) => {
  const dir = join(tempDir("ts-async-init-cache-"), "cache");
  const plainModule = "export const x: number = 1;\n";
  t.deepEqual(plain(cachedTransform(dir)(plainModule, "/app/plain.ts", OPTIONS)), { code: plainModule, map: null, diagnostics: [] });
  t.false(existsSync(dir));
});

test("a failure of the rewrite itself (TS46099) is never kept: it may not happen again, and a kept one would fail every later build", (t) => {
  const dir = tempDir();
  const broken = {
    ...ts,
    createSourceFile: () => {
      throw new RangeError("Maximum call stack size exceeded");
    },
  };
  const failed = cachedTransform(dir)(DB, "db.ts", { ...OPTIONS, typescript: broken });
  t.deepEqual(
    failed.diagnostics.map((d) => d.code),
    [46099],
  );
  t.deepEqual(existsSync(dir) ? entries(dir) : [], []);
  // The same module rewritten afterwards is kept as usual.
  const rewritten = cachedTransform(dir)(DB, "db.ts", { ...OPTIONS, typescript: ts });
  t.deepEqual(rewritten.diagnostics, []);
  t.is(entries(dir).length, 1);
});
