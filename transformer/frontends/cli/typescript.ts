import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { checkTypeScript } from "../../core/compatibility";
import { Diagnostics } from "../../core/diagnostics";

/**
 * Which TypeScript the command line compiles a project with. It needs the
 * JavaScript compiler API (program, checker, emit with transformers), which
 * TypeScript 7's package does not have (`require("typescript")` gives its
 * version only). Looked up as `require` would from the project's folder, then
 * from the current one (never from where this package is: a TypeScript found
 * there need not be the project's):
 *
 *     typescript 5.2 … 6.x                    → that typescript (the project's own compiler)
 *     typescript 7 + @typescript/typescript6  → @typescript/typescript6 (TypeScript 6.0's API)
 *     typescript 7 alone                      → TS46009: install @typescript/typescript6
 *     no typescript                           → TS46009: install one
 *
 * The project's own `typescript` comes first when it can be used: a project on
 * 5.x whose tools happen to bring `@typescript/typescript6` along is checked by
 * the TypeScript its `tsc` is, with that version's defaults.
 */
export type Choice = { found: Located } | { problem: string };

export interface Located {
  /** The package: "typescript", or "@typescript/typescript6". */
  name: string;
  /** Its package.json's version (`@typescript/typescript6` 6.0.2 loads TypeScript 6.0.3: see `ts.version` once loaded). */
  version: string;
  /** Its folder. */
  dir: string;
}

export function chooseTypeScript(projectDir: string, cwd: string): Choice {
  const from = projectDir === cwd ? [projectDir] : [projectDir, cwd];
  const own = locate("typescript", from);
  if (own && hasJavaScriptApi(own.version)) return { found: own };
  const side = locate("@typescript/typescript6", from);
  if (side) return { found: side };
  if (!own) return { problem: Diagnostics.cliNoTypescript.text(projectDir) };
  if (major(own.version) >= 7) return { problem: Diagnostics.cliTypescriptNative.text(own.version) };
  return { problem: Diagnostics.cliTypescriptTooOld.text(own.version) };
}

/** Loads the chosen TypeScript; a problem (an API that lacks what the rewrite calls) comes back as a TS46009 message. */
export function loadTypeScript(located: Located): { ts: typeof import("typescript") } | { problem: string } {
  const ts: typeof import("typescript") = require(located.dir);
  const unsupported = checkTypeScript(ts);
  return unsupported ? { problem: unsupported.messageText as string } : { ts };
}

function locate(name: string, from: string[]): Located | undefined {
  let manifest: string;
  try {
    manifest = require.resolve(`${name}/package.json`, { paths: from });
  } catch {
    return undefined;
  }
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  return { name, version, dir: dirname(manifest) };
}

const major = (version: string) => Number(version.split(".")[0]);

/** 5.2 (the first with `await using`) to 6.x; 7 has no JavaScript API. */
function hasJavaScriptApi(version: string): boolean {
  const [majorVersion, minor] = version.split(".").map(Number);
  return (majorVersion === 5 && minor >= 2) || majorVersion === 6;
}
