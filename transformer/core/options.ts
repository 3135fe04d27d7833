import type * as ts from "typescript";
import { createDiagnostic } from "./diagnostics";
import { isIdentifierName } from "./syntax";

/** The plugin entry's own settings: `{ "transform": "ts-async-init", "initMethod": "setup" }`. */
export interface Options {
  /** The init method of a class tagged plain `@asyncInit`. Default `init`. */
  initMethod: string;
  /**
   * Whether a tagged class may keep its instances' state in a private field (from
   * ES2022 up, see stateField.ts). `false` keeps every state in the shared map: the
   * way out when a base class from a library returns another object from its constructor.
   */
  stateField: boolean;
}

export const DEFAULT_OPTIONS: Options = { initMethod: "init", stateField: true };

/**
 * Names no init method can have, and why: a class's `constructor` cannot be async, and
 * `then` is the member the rewrite generates.
 */
export const RESERVED_INIT_NAMES: ReadonlyMap<string, string> = new Map([
  ["constructor", "a class's constructor cannot be an async method"],
  ["then", "the rewrite generates 'then', which makes instances awaitable"],
]);

/** What TS46006 says an `initMethod` option must be. */
export const INIT_METHOD_EXPECTED = 'the name of a method other than "constructor" and "then", e.g. "setup"';

/** A name an init method can have: an identifier, and not one of RESERVED_INIT_NAMES. */
export const isInitName = (ts: typeof import("typescript"), name: string): boolean => isIdentifierName(ts, name) && !RESERVED_INIT_NAMES.has(name);

/** Where an option's value is written (in the tsconfig.json), when the caller knows. */
export type OptionPlace = (option: string, part?: "key" | "value") => { file: ts.SourceFile; start: number; length: number } | undefined;

/** Keys of a plugin entry that are ts-patch's or the editor's, not this plugin's. */
const ENTRY_KEYS = new Set([
  "transform",
  "transformProgram",
  "after",
  "afterDeclarations",
  "type",
  "import",
  "isEsm",
  "resolvePathAliases",
  "tsConfig",
  "name",
]);

/** An object with keys, as options are: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The keys of `options` that are not among `known` (a typo: `initMethd`), in their order. */
export function unknownKeys(options: object, known: readonly string[]): string[] {
  return Object.keys(options).filter((key) => !known.includes(key));
}

/** The options a project's build reads: its transform entry (`{ "transform": "ts-async-init", "initMethod": "setup" }`), else the editor's. */
export function buildEntryOf(compilerOptions: ts.CompilerOptions): Record<string, unknown> | undefined {
  return pluginEntryOf(compilerOptions, "transform") ?? pluginEntryOf(compilerOptions, "name");
}

/** This package's entry among a program's `plugins`: the one tspc runs (`{ "transform": "ts-async-init" }`), or the editor's (`{ "name": … }`). */
export function pluginEntryOf(compilerOptions: ts.CompilerOptions, kind: "transform" | "name"): Record<string, unknown> | undefined {
  const entries: unknown[] = Array.isArray(compilerOptions.plugins) ? compilerOptions.plugins : [];
  return entries.find((entry): entry is Record<string, unknown> => isRecord(entry) && entry[kind] === "ts-async-init");
}

/** Reads the options from the plugin entry; a bad value is reported (at its place, when `where` knows it) and its default is used. */
export function readOptions(
  ts: typeof import("typescript"),
  config: Record<string, unknown> | undefined,
  report: (diagnostic: ts.Diagnostic) => void,
  where: OptionPlace = () => undefined,
): Options {
  const options = { ...DEFAULT_OPTIONS };
  // `"initMethd": "setup"`: a typo would leave the default in use without a word.
  const known = Object.keys(DEFAULT_OPTIONS);
  for (const key of unknownKeys(config ?? {}, [...known, ...ENTRY_KEYS])) report(createDiagnostic(ts, "unknownOption", where(key, "key"), key, known));
  const initMethod = config?.initMethod;
  if (typeof initMethod === "string" && isInitName(ts, initMethod)) options.initMethod = initMethod;
  else if (initMethod !== undefined) report(createDiagnostic(ts, "badOption", where("initMethod"), "initMethod", initMethod, INIT_METHOD_EXPECTED));
  const stateField = config?.stateField;
  if (typeof stateField === "boolean") options.stateField = stateField;
  else if (stateField !== undefined) report(createDiagnostic(ts, "badOption", where("stateField"), "stateField", stateField, "true or false"));
  return options;
}
