import type * as ts from "typescript";
import { analyzeFile } from "../core/analyze";
import { checkTypeScript } from "../core/compatibility";
import { readOptions } from "../core/options";
import { mentionsTag } from "../core/tag";
import { rewriteText, type PlumbingSources } from "../emit/text";
import { AWAIT_ONLY_SOURCE, PLUMBING_SOURCE } from "../plumbing";

/** `ts-async-init/api`: the rewrite for tools that compile TypeScript without the TypeScript compiler's emit. */

export interface TransformOptions {
  /** The init method of classes tagged plain `@asyncInit` (default `init`). */
  initMethod?: string;
  /** Let tagged classes keep their state in a private field (default true; only from ES2022 up). */
  stateField?: boolean;
  /** The output's language level, when the caller knows it (`"ES2017"`, `"ES2022"`, `"ESNext"`…); default ESNext. */
  target?: string;
  /** The TypeScript to parse with; default `require("typescript")`. */
  typescript?: typeof import("typescript");
}

export interface TransformDiagnostic {
  code: number;
  category: "error" | "warning";
  message: string;
  file: string;
  /** 1-based, as editors and bundlers print them. */
  line: number;
  column: number;
}

export interface TransformResult {
  /** The rewritten TypeScript; the input itself, unchanged, when the file needs nothing. */
  code: string;
  /** A version 3 source map back to the input, or null when nothing changed. */
  map: import("magic-string").SourceMap | null;
  diagnostics: TransformDiagnostic[];
}

/**
 * TypeScript in, TypeScript out:
 *
 *     const { code, map, diagnostics } = transform(source, "src/db.ts");
 *
 * A file that mentions neither `@asyncInit` nor `await using` comes back as it
 * went in (`code === source`, `map === null`) before anything is parsed.
 */
export function transform(code: string, fileName: string, options: TransformOptions = {}): TransformResult {
  if (!mentionsTag(code) && !code.includes("await using")) return { code, map: null, diagnostics: [] };
  const ts: typeof import("typescript") = options.typescript ?? require("typescript");
  const unsupported = checkTypeScript(ts);
  if (unsupported) throw new Error(`error TS${unsupported.code}: ${unsupported.messageText as string}`);

  const diagnostics: ts.Diagnostic[] = [];
  const settings = readOptions(ts, { initMethod: options.initMethod, stateField: options.stateField }, (d) => diagnostics.push(d));
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, scriptKind(ts, fileName));
  const plan = analyzeFile({ ts, options: settings, target: readTarget(ts, options.target) }, sourceFile);
  diagnostics.push(...plan.diagnostics);
  const output = rewriteText(ts, plan, SOURCES, fileName);
  return { ...output, diagnostics: diagnostics.map((d) => toTransformDiagnostic(ts, d, fileName)) };
}

// TODO(issue 10): typed plumbing sources.
const SOURCES: PlumbingSources = { classes: `const asyncInit_1 = ${PLUMBING_SOURCE.trim()};`, await: `const asyncInit_1 = ${AWAIT_ONLY_SOURCE.trim()};` };

function scriptKind(ts: typeof import("typescript"), fileName: string): ts.ScriptKind {
  return /\.[cm]?tsx$/i.test(fileName) || fileName.endsWith(".jsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

function readTarget(ts: typeof import("typescript"), target: string | undefined): ts.ScriptTarget {
  if (target === undefined) return ts.ScriptTarget.ESNext;
  const found = Object.entries(ts.ScriptTarget).find(([name]) => name.toLowerCase() === target.toLowerCase());
  if (!found) throw new Error(`ts-async-init: target ${JSON.stringify(target)} is not one TypeScript knows (ES5, ES2015 … ES2024, ESNext).`);
  return found[1] as ts.ScriptTarget;
}

function toTransformDiagnostic(ts: typeof import("typescript"), d: ts.Diagnostic, fileName: string): TransformDiagnostic {
  const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
  return {
    code: d.code,
    category: d.category === ts.DiagnosticCategory.Warning ? "warning" : "error",
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    file: fileName,
    line: where.line + 1,
    column: where.character + 1,
  };
}
