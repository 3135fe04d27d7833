import type * as ts from "typescript";

/** Where nobody collects diagnostics: prints each one as tsc would, to stderr. */
export function reportToConsole(ts: typeof import("typescript")): (diagnostic: ts.Diagnostic) => void {
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" };
  return (diagnostic) => console.error(ts.formatDiagnostic(diagnostic, host).trimEnd());
}
