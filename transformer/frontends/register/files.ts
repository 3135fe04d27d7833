import { readFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";

/** The TypeScript files the hook rewrites, by extension. */
export const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)$/i;

/**
 * The formats Node gives TypeScript that it strips: `module-typescript`, `commonjs-typescript`,
 * and `typescript` for a `.ts` file of a package.json without `"type"` (Node tells which kind
 * of module it is once the types are stripped).
 */
export const isTypeScriptFormat = (format: unknown): format is string =>
  format === "module-typescript" || format === "commonjs-typescript" || format === "typescript";

/**
 * Whether Node.js and tsx run a TypeScript file as CommonJS for sure: a `.cts` file, or a
 * `.ts` or `.tsx` file whose nearest package.json says `"type": "commonjs"` (as `npm init -y`
 * writes). Without `"type"`, each tool reads the module's own syntax: not sure.
 */
export function runsAsCommonJs(path: string): boolean {
  if (/\.cts$/i.test(path)) return true;
  if (!/\.tsx?$/i.test(path)) return false;
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    const type = packageTypeIn(folder);
    if (type !== undefined) return type === "commonjs";
    if (dirname(folder) === folder) return false;
  }
}

/** The `"type"` of the package.json in `folder` ("" where it has none), or undefined where there is no package.json (or none that parses). */
function packageTypeIn(folder: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(folder, "package.json"), "utf8");
  } catch {
    return undefined;
  }
  try {
    const type = (JSON.parse(text) as { type?: unknown }).type;
    return typeof type === "string" ? type : "";
  } catch {
    return undefined;
  }
}

/** This package's own files (dist/), which mention the tag in their messages. */
const OWN_FILES = resolve(__dirname, "../..") + sep;

/** A JavaScript file of the app: not of `node_modules`, nor of this package. */
export function isAppJavaScript(path: string): boolean {
  return /\.[cm]?js$/i.test(path) && !/[\\/]node_modules[\\/]/.test(path) && !path.startsWith(OWN_FILES);
}
