import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { Diagnostics } from "../core/diagnostics";
import { type Loaded, requireWithCodeCache } from "./codeCache";

/**
 * Which TypeScript a front end uses when none is handed to it. This package needs
 * TypeScript's JavaScript API: the text back end (the bundler plugins,
 * `ts-async-init/register`, `ts-async-init/api`) its parser, the command line its
 * program, checker and emit. TypeScript 7's package has none (`require("typescript")`
 * gives its version only), so its side-by-side package stands in:
 *
 *     typescript 5.2 … 6.x                    → that typescript
 *     typescript 7 + @typescript/typescript6  → @typescript/typescript6 (TypeScript 6.0's API)
 *     typescript 7 alone                      → "native": install @typescript/typescript6
 *     typescript older than 5.2               → "old" (unless @typescript/typescript6 is there)
 *     no typescript                           → "none" (unless @typescript/typescript6 is there)
 *
 * The project's own `typescript` comes first when it can be used: a project on
 * 5.x whose tools happen to bring `@typescript/typescript6` along is parsed and
 * checked by the TypeScript its `tsc` is.
 */
export type Choice = { found: Located } | { problem: "none" } | { problem: "native" | "old"; version: string };

export interface Located {
  /** The package: "typescript", or "@typescript/typescript6". */
  name: string;
  /** Its package.json's version (`@typescript/typescript6` 6.0.2 loads TypeScript 6.0.3: see versionParsedWith). */
  version: string;
  /** Its folder. */
  dir: string;
}

/** Looked up as `require` would from the folders in `from`, or from this package when there are none. */
export function chooseTypeScript(from?: string[]): Choice {
  const own = locate("typescript", from);
  if (own && hasJavaScriptApi(own.version)) return { found: own };
  const side = locate("@typescript/typescript6", from);
  if (side) return { found: side };
  if (!own) return { problem: "none" };
  return { problem: Number(own.version.split(".")[0]) >= 7 ? "native" : "old", version: own.version };
}

function locate(name: string, from: string[] | undefined): Located | undefined {
  let manifest: string;
  try {
    manifest = require.resolve(`${name}/package.json`, from ? { paths: from } : undefined);
  } catch {
    return undefined;
  }
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  return { name, version, dir: dirname(manifest) };
}

/** 5.2 (the first with `await using`) to 6.x; 7 has no JavaScript API. */
function hasJavaScriptApi(version: string): boolean {
  const [majorVersion, minor] = version.split(".").map(Number);
  return (majorVersion === 5 && minor >= 2) || majorVersion === 6;
}

let parser: Choice | undefined;
/** chooseTypeScript from this package, once: the text back end's choice. */
const parserChoice = (): Choice => (parser ??= chooseTypeScript());

let parserVersion: { value: string | undefined } | undefined;
/**
 * The version of the TypeScript the text back end parses with when handed none, read without
 * loading it, once (the cache asks it for every module); undefined if there is none to use.
 */
export function defaultTypeScriptVersion(): string | undefined {
  if (parserVersion === undefined) {
    const choice = parserChoice();
    parserVersion = { value: "found" in choice ? versionParsedWith(choice.found) : undefined };
  }
  return parserVersion.value;
}

/**
 * The version of the TypeScript a package loads, read without loading it. `@typescript/typescript6`
 * 6.0.2 only re-exports `@typescript/old`, which its `^6` lets move on without it:
 *
 *     { name: "@typescript/typescript6", version: "6.0.2" }  →  "@typescript/typescript6 6.0.2: typescript 6.0.3"
 */
export function versionParsedWith(located: Located): string {
  if (located.name === "typescript") return located.version;
  const loads = locate("@typescript/old", [located.dir]);
  return `${located.name} ${located.version}: typescript ${loads?.version ?? "unknown"}`;
}

/**
 * The TypeScript the text back end parses with when handed none. Where there is none
 * to use, it throws `error TS46009: …`, which says what to install:
 *
 *     error TS46009: ts-async-init parses TypeScript with TypeScript's JavaScript API, and the
 *     typescript installed here is 7.0.2: TypeScript 7, the native compiler, has none. Install …
 */
export function defaultTypeScript(): typeof import("typescript") {
  return require(usableTypeScript().dir);
}

/** defaultTypeScript, loaded with V8's code cache kept in `cacheDir` (./codeCache.ts). */
export function defaultTypeScriptWithCodeCache(cacheDir: string): Loaded<typeof import("typescript")> {
  return requireWithCodeCache(require.resolve(usableTypeScript().dir), cacheDir);
}

function usableTypeScript(): Located {
  const choice = parserChoice();
  if ("found" in choice) return choice.found;
  const text =
    choice.problem === "none"
      ? Diagnostics.parserNoTypescript.text()
      : choice.problem === "native"
        ? Diagnostics.parserTypescriptNative.text(choice.version)
        : Diagnostics.parserTypescriptTooOld.text(choice.version);
  throw new NoTypeScriptError(46009, text);
}

/**
 * No TypeScript the text back end can parse with (TS46009): none installed, one too old or
 * native, or a `typescript` option it cannot use. Its message is the compiler's way,
 * `error TS46009: …`; a front end that says it its own way (an error of the bundler's,
 * a message naming the file) uses `code` and `text`.
 */
export class NoTypeScriptError extends Error {
  constructor(
    readonly code: number,
    readonly text: string,
  ) {
    super(`error TS${code}: ${text}`);
  }
}
