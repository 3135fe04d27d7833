import type * as ts from "typescript";
import { readOptions } from "./options";
import { createTransformer } from "./transform";

/** What ts-patch hands a `"transform"` plugin besides the program. */
interface Extras {
  ts: typeof import("typescript");
  addDiagnostic(diagnostic: ts.Diagnostic): number;
}

/**
 * The ts-patch entry point, for `"plugins": [{ "transform": "ts-async-init" }]`.
 * ts-patch calls it with the program, the plugin entry and its extras; it
 * returns the `before` transformer. All TypeScript calls go through `extras.ts`.
 */
function tsAsyncInit(program: ts.Program | undefined, config?: Record<string, unknown>, extras?: Extras): ts.TransformerFactory<ts.SourceFile> {
  // Without ts-patch's extras (a hand-made transformer list), fall back to the TypeScript the program was made with.
  const ts: typeof import("typescript") = extras?.ts ?? require("typescript");
  const addDiagnostic = extras ? (d: ts.Diagnostic) => void extras.addDiagnostic(d) : reportToConsole(ts);
  const options = readOptions(ts, config, addDiagnostic);
  return createTransformer({ ts, program, options, addDiagnostic });
}

/** Outside ts-patch nobody collects diagnostics: print them as tsc would. */
function reportToConsole(ts: typeof import("typescript")) {
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" };
  return (diagnostic: ts.Diagnostic) => console.error(ts.formatDiagnostic(diagnostic, host).trimEnd());
}

export = tsAsyncInit;
