import { readFileSync, statSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname, join } from "node:path";
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
 *     node_modules/.cache/ts-async-init/v8/<hash of the file, its size and time, Node's version>.bin
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

export function requireWithCodeCache<T>(file: string, cacheDir: string): Loaded<T> {
  const loaded = require.cache[file];
  if (loaded?.loaded) return { exports: loaded.exports as T, save: nothingToSave };
  if (nodeCompileCacheIsOn()) return { exports: require(file) as T, save: nothingToSave };

  const cacheFile = join(cacheDir, "v8", `${cacheName(file)}.bin`);
  const cachedData = readOrUndefined(cacheFile);
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
      writeWhole(cacheFile, script.createCachedData());
    },
  };
}

function nodeCompileCacheIsOn(): boolean {
  const { getCompileCacheDir } = Module as { getCompileCacheDir?: () => string | undefined };
  return typeof getCompileCacheDir === "function" && getCompileCacheDir() !== undefined;
}

/** A cache made for another file, another Node or another V8 misses by name (V8 would also turn it down). */
function cacheName(file: string): string {
  const { size, mtimeMs } = statSync(file);
  return hash(JSON.stringify([file, size, mtimeMs, process.version, process.arch]));
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
