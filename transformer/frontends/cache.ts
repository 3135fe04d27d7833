import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SourceMap } from "magic-string";
import { Diagnostics } from "../core/diagnostics";
import { mayNeedRewrite } from "../core/tag";
import type { FrontEndSetup, TransformOptions, TransformResult } from "./api";
import { buildId } from "./buildId";
import { hash } from "./hash";
import { defaultTypeScriptVersion, defaultTypeScriptWithCodeCache } from "./typescript";
import { writeWhole } from "./writeWhole";

/** The text back end, loaded on the first miss: a build whose modules all come from the cache loads neither it nor TypeScript. */
const transform: typeof import("./api").transformFor = (...args) => (require("./api") as typeof import("./api")).transformFor(...args);

/**
 * The text back end's results, kept on disk for the front ends that start a fresh
 * process for every build or run (`vite build`, esbuild, `node --import
 * ts-async-init/register …`): a module rewritten before, with the same text, the
 * same options, the same TypeScript and the same ts-async-init, is read back
 * instead of loading TypeScript (about 0.2 s) and parsing it again.
 *
 *     node_modules/.cache/ts-async-init/<hash of the module's path and the options>.json
 *       { "key": <hash of ts-async-init's code, TypeScript's version, the text>, "sum": <hash of the result>,
 *         "result": { code, map, diagnostics } }
 *
 * One entry per module and options: an edit of the module replaces its entry, so the
 * folder holds no more entries than there are modules. An entry whose key does not
 * match, that cannot be read, or whose result does not match its sum (bytes changed on
 * the disk, or by hand: still JSON, but not what was written) is a miss; a folder that cannot be written leaves
 * every module to `transform` (after three failed writes in a row, a process writes no more). Diagnostics are kept with the result, so an error
 * fails every build, not just the first.
 */
export type Transform = (code: string, fileName: string, options: TransformOptions, frontEnd?: FrontEndSetup) => TransformResult;

const INTERNAL_FAILURE = Diagnostics.internal.code;
/** Failed writes in a row after which a process stops writing entries (a read-only folder, a full disk). */
const GIVE_UP_AFTER = 3;

/** `transform` with the cache in `dir`; `transform` itself when `dir` is undefined. */
export function cachedTransform(dir: string | undefined): Transform {
  if (dir === undefined) return (code, fileName, options, frontEnd = {}) => transform(code, fileName, options, frontEnd);
  // Writes that failed in a row: a folder that cannot be written is given up after a few, a passing failure is not.
  let failedWrites = 0;
  return (code, fileName, options, frontEnd = {}) => {
    // A module that mentions neither the tag nor `await using` needs nothing, and no entry.
    if (!mayNeedRewrite(code)) return { code, map: null, diagnostics: [] };
    const typescriptVersion = versionOfTypeScript(options.typescript);
    const build = buildId(); // null: a build of the package without dist/build-id.txt, whose entries could not be told from another build's
    if (typescriptVersion === undefined || build === null) return transform(code, fileName, options, frontEnd);
    const settings = { ...options, typescript: undefined, ...frontEnd };
    const entry = join(dir, `${hash(JSON.stringify([fileName, settings]))}.json`);
    const key = hash(JSON.stringify([build, typescriptVersion, code]));
    const cached = read(entry, key, code);
    if (cached) return cached;
    const result = transformWithCodeCache(code, fileName, options, frontEnd, dir);
    // A failure of the rewrite itself (TS46099) may not happen again (it may depend on the stack's depth): never kept.
    if (failedWrites < GIVE_UP_AFTER && !result.diagnostics.some((d) => d.code === INTERNAL_FAILURE)) {
      failedWrites = write(entry, key, result) ? 0 : failedWrites + 1;
    }
    return result;
  };
}

/**
 * `transform`, with the default TypeScript loaded from V8's code cache in `dir`
 * (./codeCache.ts); the cache is written after the first parse, with what it compiled.
 */
function transformWithCodeCache(code: string, fileName: string, options: TransformOptions, frontEnd: FrontEndSetup, dir: string): TransformResult {
  if (options.typescript) return transform(code, fileName, options, frontEnd);
  const parser = defaultTypeScriptWithCodeCache(dir);
  const result = transform(code, fileName, { ...options, typescript: parser.exports }, frontEnd);
  parser.save();
  return result;
}

/** `node_modules/.cache/ts-async-init` in the nearest folder up from `from` that has a node_modules; undefined if none does. */
export function defaultCacheDir(from = process.cwd()): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) return join(dir, "node_modules", ".cache", "ts-async-init");
    if (dirname(dir) === dir) return undefined;
  }
}

/** The version of the TypeScript `transform` would parse with, read without loading it; undefined if there is none to use. */
function versionOfTypeScript(typescript: TransformOptions["typescript"]): string | undefined {
  return typescript ? typescript.version : defaultTypeScriptVersion();
}

/** A source map as JSON: its fields, without magic-string's methods (toString, toUrl). */
type MapFields = Omit<SourceMap, "toString" | "toUrl">;

interface Entry {
  key: string;
  sum: string;
  result: { code: string; map: MapFields | null; diagnostics: TransformResult["diagnostics"] };
}

/** The entry's result, if it is whole: a result edited by hand or damaged (output without a map, say) is a miss. */
function read(entry: string, key: string, input: string): TransformResult | undefined {
  let text: string;
  let stored: Entry;
  try {
    text = readFileSync(entry, "utf8");
    stored = JSON.parse(text) as Entry;
  } catch {
    return undefined;
  }
  if (stored?.key !== key || typeof stored.result?.code !== "string" || stored.sum !== checksum(resultText(text))) return undefined;
  const { code, map, diagnostics } = stored.result;
  if (!Array.isArray(diagnostics) || (map === null ? code !== input : typeof map?.mappings !== "string")) return undefined;
  return { code, map: map ? withMethods(map) : null, diagnostics };
}

/**
 * The entry's text, as write() makes it: its key and sum (hex digits) first, then the result's JSON as it was written,
 * which the sum is of (read back as written, not written again: about half the time of a hit).
 */
const entryText = (key: string, result: string) => `{"key":${JSON.stringify(key)},"sum":"${checksum(result)}","result":${result}}`;
const RESULT = ',"result":';
const resultText = (text: string) => text.slice(text.indexOf(RESULT) + RESULT.length, -1);
/** Finds bytes changed on disk; not a hash that must resist anyone. */
const checksum = (text: string) => createHash("sha1").update(text).digest("hex");

/** A map read back, with the two methods of magic-string's SourceMap. */
function withMethods(map: MapFields): SourceMap {
  return {
    ...map,
    toString() {
      return JSON.stringify(this);
    },
    toUrl() {
      return `data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(this)).toString("base64")}`;
    },
  };
}

/** Writes the entry whole or not at all (writeWhole); false when the folder cannot be written. */
function write(entry: string, key: string, result: TransformResult): boolean {
  const { code, map, diagnostics } = result;
  return writeWhole(entry, entryText(key, JSON.stringify({ code, map, diagnostics } satisfies Entry["result"])));
}
