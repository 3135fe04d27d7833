import type * as ts from "typescript";
import { seesOtherFiles } from "./analyze";
import { createDiagnostic } from "./diagnostics";

/**
 * What this package needs from the TypeScript it is handed, checked once by each
 * entry, so that an unsupported TypeScript gives one clear error (TS46009)
 * instead of a stack trace, or a build that silently skips the rewrite:
 *
 *     TypeScript 5.1   → "ts-async-init needs TypeScript 5.2 or later …"
 *     TypeScript 7.0   → "… TypeScript 7, the native compiler, has no transformer API …"
 */

/** The API the rewrite calls; a TypeScript without it cannot run the plugin. */
const NEEDED: [string, (ts: typeof import("typescript")) => unknown][] = [
  ["factory", (ts) => ts.factory],
  ["visitEachChild", (ts) => ts.visitEachChild],
  ["createSourceFile", (ts) => ts.createSourceFile],
  ["getLeadingCommentRanges", (ts) => ts.getLeadingCommentRanges],
  ["NodeFlags.AwaitUsing", (ts) => ts.NodeFlags?.AwaitUsing],
];

/** The error for an unsupported TypeScript, or undefined when this one will do. */
export function checkTypeScript(ts: typeof import("typescript")): ts.Diagnostic | undefined {
  const version = typeof ts?.version === "string" ? ts.version : "of unknown version";
  const [major, minor] = version.split(".").map(Number);
  if (major >= 7) return createDiagnostic(ts, "typescriptNative", undefined, version);
  if (major < 5 || (major === 5 && minor < 2)) return createDiagnostic(ts, "typescriptTooOld", undefined, version);
  const missing = NEEDED.filter(([, get]) => !get(ts)).map(([name]) => name);
  return missing.length ? createDiagnostic(ts, "typescriptApi", undefined, version, missing.join(", ")) : undefined;
}

/** TypeScript 5.4 and older still accept target ES3 (with `ignoreDeprecations`); the generated getter needs ES5. */
export function checkTarget(ts: typeof import("typescript"), options: ts.CompilerOptions): ts.Diagnostic | undefined {
  return options.target === ts.ScriptTarget.ES3 ? createDiagnostic(ts, "targetTooLow", undefined) : undefined;
}

/**
 * A program made by another TypeScript than the one the plugin was handed (a tool
 * with its own copy, a project with two versions): its nodes' kinds, or its types'
 * flags, mean other things there, so the rewrite would miss what it should change, silently.
 */
export function checkSameTypeScript(ts: typeof import("typescript"), program: ts.Program): ts.Diagnostic | undefined {
  const file = program.getSourceFiles()[0];
  const kindsDiffer = file !== undefined && file.kind !== ts.SyntaxKind.SourceFile;
  return kindsDiffer || typeFlagsDiffer(ts, program) ? createDiagnostic(ts, "typescriptMismatch", undefined, ts.version) : undefined;
}

/**
 * Where the kinds agree (TypeScript 5.9 and 6.0), the flags of types may not: the program's
 * checker, where the analysis asks one (seesOtherFiles), flags its `string` type as this
 * TypeScript flags `String`, if it is this TypeScript's.
 */
function typeFlagsDiffer(ts: typeof import("typescript"), program: ts.Program): boolean {
  if (!seesOtherFiles(program)) return false;
  const checker = program.getTypeChecker() as { getStringType?: () => ts.Type };
  return typeof checker.getStringType === "function" && checker.getStringType().flags !== ts.TypeFlags.String;
}
