import { realpathSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { Diagnostics } from "../../core/diagnostics";
import { INIT_METHOD_EXPECTED, isRecord, RESERVED_INIT_NAMES, unknownKeys } from "../../core/options";
import type { Options } from "./types";

/**
 * The bundler plugins' options, checked once, when the plugin is made, without loading
 * TypeScript (a build whose modules all come from the cache loads none): each bad one
 * gives TS46006's message, in the words a bad option of the tsconfig.json entry gets.
 *
 *     tsAsyncInit({ target: 5 })
 *       → ["TS46006: ts-async-init: plugin option 'target' is 5; it must be an ECMAScript version, e.g. \"ES2022\" or \"ESNext\"."]
 *
 * What only TypeScript can tell (whether it knows the target `"ES2099"`, whether the
 * module handed as `typescript` is one it can use) is told when a module is rewritten.
 */
export function badPluginOptions(options: unknown): string[] {
  if (options === undefined) return [];
  if (!isRecord(options)) return [`TS46006: ${Diagnostics.badOptions.text(options)}`];
  const messages: string[] = [];
  const check = (option: string, valid: (value: unknown) => boolean, expected: string) => {
    const value = options[option];
    if (value !== undefined && !valid(value)) messages.push(`TS46006: ${Diagnostics.badOption.text(option, value, expected)}`);
  };
  check("initMethod", (value) => isIdentifierName(value) && !RESERVED_INIT_NAMES.has(value as string), INIT_METHOD_EXPECTED);
  check("stateField", (value) => typeof value === "boolean", "true or false");
  check("target", isEcmaScriptVersion, 'an ECMAScript version, e.g. "ES2022" or "ESNext"');
  check("include", isFilterPattern, "a string, a regular expression, or an array of them");
  check("exclude", isFilterPattern, "a string, a regular expression, or an array of them");
  check("typescript", isRecord, 'the typescript module itself, e.g. require("typescript")');
  check("cacheDir", (value) => value === false || (typeof value === "string" && value !== ""), "a folder's path, or false");
  return [...messages, ...unknownPluginOptions(options)];
}

/** The options of the plugins, as types.ts declares them. */
const OPTION_NAMES: readonly (keyof Options)[] = ["initMethod", "stateField", "target", "include", "exclude", "typescript", "cacheDir"];

/**
 * TS46006 for each key the plugins do not know: a typo would leave the default in use
 * without a word. An error, as TypeScript's own unknown compiler option (TS5023) is.
 *
 *     tsAsyncInit({ initMethd: "setup" })
 *       → ["TS46006: ts-async-init: unknown plugin option 'initMethd'. The plugin's options are 'initMethod', …"]
 */
function unknownPluginOptions(options: Record<string, unknown>): string[] {
  return unknownKeys(options, OPTION_NAMES).map((key) => `TS46006: ${Diagnostics.unknownOption.text(key, OPTION_NAMES)}`);
}

/**
 * An identifier name as ECMAScript defines it (what TypeScript's isIdentifierStart and
 * isIdentifierPart test, core/syntax.ts, which the rewrite checks again with TypeScript).
 */
const isIdentifierName = (value: unknown): boolean => typeof value === "string" && /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u.test(value);

/** `"ES5"`, `"ES6"`, `"es2022"`, `"ESNext"`: the form of a target; which years TypeScript knows, it tells when it parses. */
const isEcmaScriptVersion = (value: unknown): boolean => typeof value === "string" && /^es(5|6|\d{4}|next)$/i.test(value);

/** What unplugin's and the bundlers' filters take: a string (a glob), a regular expression, an array of them, or null (the default). */
const isFilterPattern = (value: unknown): boolean =>
  value === null || (Array.isArray(value) ? value : [value]).every((pattern) => typeof pattern === "string" || pattern instanceof RegExp);

/**
 * A relative glob of `include` or `exclude` in an esbuild build whose `absWorkingDir` is
 * not the working directory, and that names a folder only there: unplugin takes such a
 * glob from the working directory, so it would match none of the modules the user means,
 * and nothing would be rewritten, without a word. TS46006's message for it, to fail the
 * build with:
 *
 *     tsAsyncInit({ include: ["src/**\/*.ts"] }), absWorkingDir: "/repo/app", run from /repo
 *       → "TS46006: ts-async-init: plugin option 'include' holds the relative glob 'src/**\/*.ts', …"
 *     tsAsyncInit({ include: ["app/src/**\/*.ts"] }), the same build  → fine (/repo/app/src is a folder)
 */
export function globBesideWorkingDir(options: Options, absWorkingDir: unknown): string | undefined {
  if (typeof absWorkingDir !== "string" || !isAbsolute(absWorkingDir) || sameFolder(absWorkingDir, process.cwd())) return undefined;
  for (const option of ["include", "exclude"] as const) {
    const glob = [options[option] ?? []]
      .flat()
      .find(
        (pattern): pattern is string => typeof pattern === "string" && !pattern.startsWith("**") && !isAbsolute(pattern) && onlyBeside(pattern, absWorkingDir),
      );
    if (glob !== undefined) return `TS46006: ${Diagnostics.globBesideWorkingDir.text(option, glob, process.cwd(), absWorkingDir)}`;
  }
  return undefined;
}

/** Whether the folder a glob starts from (`src` of `src/**\/*.ts`) is there under `absWorkingDir` and not under the working directory. */
function onlyBeside(glob: string, absWorkingDir: string): boolean {
  const parts = glob.split(/[\\/]/).filter((part) => part !== ".");
  const firstPattern = parts.findIndex((part) => GLOB_CHARACTERS.test(part));
  const folder = parts.slice(0, Math.max(0, firstPattern)).join("/");
  return folder !== "" && !isFolder(resolve(folder)) && isFolder(resolve(absWorkingDir, folder));
}

/** What makes a part of a glob a pattern, not a folder's name. */
const GLOB_CHARACTERS = /[*?[\]{}()!+@]/;

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether two paths name one folder, through links too (`/app` and a link to it); one that does not exist is compared as written. */
function sameFolder(a: string, b: string): boolean {
  const real = (path: string) => {
    try {
      return realpathSync(resolve(path));
    } catch {
      return resolve(path);
    }
  };
  return real(a) === real(b);
}
