import type * as ts from "typescript";
import { createDiagnostic } from "./diagnostics";
import { isIdentifierName } from "./syntax";

/** The plugin entry's own settings: `{ "transform": "ts-async-init", "initMethod": "setup" }`. */
export interface Options {
  /** The init method of a class tagged plain `@asyncInit`. Default `init`. */
  initMethod: string;
}

export const DEFAULT_OPTIONS: Options = { initMethod: "init" };

/** Reads the options from the plugin entry; a bad value is reported and the default is used. */
export function readOptions(
  ts: typeof import("typescript"),
  config: Record<string, unknown> | undefined,
  report: (diagnostic: ts.Diagnostic) => void,
): Options {
  const value = config?.initMethod;
  if (value === undefined) return DEFAULT_OPTIONS;
  if (typeof value === "string" && isIdentifierName(ts, value)) return { initMethod: value };
  report(createDiagnostic(ts, "badOption", undefined, "initMethod", value));
  return DEFAULT_OPTIONS;
}
