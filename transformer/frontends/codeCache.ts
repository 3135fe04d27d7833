import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname, join } from "node:path";
import { cachedDataVersionTag } from "node:v8";
import { Script } from "node:vm";
import { hash } from "./hash";
import { writeWhole } from "./writeWhole";

/**
 * `require(file)` of TypeScript's main file (typescript.js: 9 MB) with V8's code cache
 * kept on disk, for the front ends that start a fresh process for every build or run
 * (`vite build`, esbuild, `node --import ts-async-init/register …`). Compiling that file
 * is most of the 170 ms TypeScript takes to load on Node 20; from the cache it loads in
 * about 70 ms, and its parser's functions that a first parse compiled come compiled too.
 *
 *     node_modules/.cache/ts-async-init/v8/<hash of the file and Node's version>-<hash of its size and time>.bin
 *
 * Each file starts with the SHA-256 of the code cache after it: V8 checks a code cache's
 * header, not its bytes, and damaged bytes crash or hang the process. A file whose bytes
 * do not match is not used (and is written again); writing one removes those of earlier
 * installs of the same file.
 *
 * Loaded as `require` would load it: its exports are `require.cache`'s, so a plugin
 * that requires `typescript` after this shares the instance. Where Node keeps its own
 * compile cache (`module.enableCompileCache()`, which Vite's command line turns on from
 * Node 22.8), or something loaded the file already, it is plain `require`.
 */
export interface Loaded<T> {
  exports: T;
  /**
   * Writes the code cache, once, if there was none or V8 turned it down: called after
   * the first parse, it holds the functions that parse compiled.
   */
  save(): void;
}

const nothingToSave = () => {};

export function requireWithCodeCache<T>(main: string, cacheDir: string): Loaded<T> {
  let file = followed.get(main);
  if (file === undefined) followed.set(main, (file = reexported(main)));
  const loaded = require.cache[file];
  if (loaded?.loaded) return { exports: loaded.exports as T, save: nothingToSave };
  if (nodeCompileCacheIsOn()) return { exports: require(file) as T, save: nothingToSave };

  const folder = join(cacheDir, "v8");
  const { prefix, name } = cacheName(file);
  const cacheFile = join(folder, name);
  const cachedData = readChecked(cacheFile);
  const source = readFileSync(file, "utf8");
  // Node's own CommonJS wrapper, with the file's first line on line 1.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: file, cachedData });
  const module = new Module(file, undefined);
  module.filename = file;
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  require.cache[file] = module;

  let saved = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports as T,
    save() {
      if (saved) return;
      saved = true;
      const data = script.createCachedData();
      if (!writeWhole(cacheFile, Buffer.concat([digest(data), data]))) return;
      for (const other of filesOr(folder)) if (other.startsWith(prefix) && other.endsWith(".bin") && other !== name) removeOr(join(folder, other));
    },
  };
}

/** reexported's answer for each main file: asked again for every module that misses the cache, it reads nothing twice. */
const followed = new Map<string, string>();

/**
 * The module that `file` only re-exports, else `file`: `@typescript/typescript6`'s main is
 *
 *     module.exports = require("@typescript/old");
 *
 * and the 9 MB worth caching is in what it names.
 */
function reexported(file: string): string {
  if (statSync(file).size > 200) return file;
  const named = /^\s*module\.exports\s*=\s*require\((["'])([^"']+)\1\);?\s*$/.exec(readFileSync(file, "utf8"))?.[2];
  try {
    return named ? createRequire(file).resolve(named) : file;
  } catch {
    return file;
  }
}

function nodeCompileCacheIsOn(): boolean {
  const { getCompileCacheDir } = Module as { getCompileCacheDir?: () => string | undefined };
  return typeof getCompileCacheDir === "function" && getCompileCacheDir() !== undefined;
}

/**
 * A cache made for another file, another Node (or Bun, which says it is a Node), another V8
 * or other V8 flags (`--max-old-space-size`: V8's version tag) misses by name, and V8 would
 * turn most of those down; the name's first part finds those of earlier installs.
 *
 * The second part is the file's size and times, and its inode: V8 takes a cache made from
 * other code of the same length, and would run that code. An edit in place that keeps the
 * size and the modification time (`touch -r`, `cp -p`, a restored archive) still changes
 * the inode's change time (ctime), which no tool sets back.
 */
function cacheName(file: string): { prefix: string; name: string } {
  const { size, mtimeMs, ctimeMs, ino } = statSync(file);
  const prefix = `${hash(JSON.stringify([file, process.version, process.versions.bun, process.arch, versionTag()]), 20)}-`;
  return { prefix, name: `${prefix}${hash(JSON.stringify([size, mtimeMs, ctimeMs, ino]), 20)}.bin` };
}

/** V8's version and flags, as a number; none where the runtime does not say (a Bun that has no such function). */
function versionTag(): number | undefined {
  try {
    return cachedDataVersionTag();
  } catch {
    return undefined;
  }
}

const digest = (data: Buffer) => createHash("sha256").update(data).digest();

/** The code cache in the file, if its bytes are those that were written. */
function readChecked(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(32);
  return bytes.length > 32 && digest(data).equals(bytes.subarray(0, 32)) ? data : undefined;
}

function removeOr(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Not ours to remove: it only takes room.
  }
}

function filesOr(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
