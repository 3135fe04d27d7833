import type * as ts from "typescript";
import { analyzeFile } from "../core/analyze";
import { checkTypeScript } from "../core/compatibility";
import { at, createDiagnostic, Diagnostics } from "../core/diagnostics";
import { awaitUsingsInCatchingLoops, awaitUsingsLeftInForHeads } from "../core/loweredLoops";
import { isRecord, readOptions, unknownKeys } from "../core/options";
import { mayNeedRewrite } from "../core/tag";
import { rewriteText, type TextSetup } from "../emit/text";
import { AWAIT_ONLY_JS, AWAIT_ONLY_TS, PLUMBING_JS, PLUMBING_MODULE_JS, PLUMBING_TS } from "../plumbing";
import type { TypeScriptModule } from "./bundlers/types";
import { defaultTypeScript, NoTypeScriptError } from "./typescript";

/** `ts-async-init/api`: the rewrite for tools that compile TypeScript without the TypeScript compiler's emit. */

export interface TransformOptions {
  /** The init method of classes tagged plain `@asyncInit` (default `init`). */
  initMethod?: string | undefined;
  /** Let tagged classes keep their state in a private field (default true; only from ES2022 up). */
  stateField?: boolean | undefined;
  /** The output's language level, when the caller knows it (`"ES2017"`, `"ES2022"`, `"ESNext"`…); default ESNext. */
  target?: string | undefined;
  /**
   * The TypeScript to parse with. Default: the `typescript` package (5.2 to 6.x), or, next
   * to TypeScript 7 (which has no JavaScript API), `@typescript/typescript6` (./typescript.ts).
   */
  typescript?: TypeScriptModule | undefined;
  /**
   * Where the plumbing comes from. Default: inserted into each module that needs it.
   * `{ import: "/@ts-async-init/plumbing" }`: imported from that module
   * (`import { plumbing as asyncInit_1 } from "…"`), which must export the full
   * plumbing as `plumbing` (`plumbingModule` below is its text); the bundler plugins serve it, once per bundle.
   */
  plumbing?: { import: string } | undefined;
  /**
   * Keep every line of the input on its line number (default false): what is
   * generated goes on the lines that are there (an inserted plumbing's code after the
   * last line, in a hoisted function that a short declaration calls).
   * A stack trace then points at the line the user wrote even where the
   * source map is lost. The bundler plugins and `ts-async-init/register` turn it on.
   */
  keepLines?: boolean | undefined;
}

/**
 * The module that `plumbing: { import }` names, as JavaScript: serve it under that name
 * (a virtual module of your tool, or a file) and each rewritten module imports the plumbing
 * from it, so that a bundle holds it once.
 */
export const plumbingModule: string = PLUMBING_MODULE_JS;

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
 * went in (`code === source`, `map === null`) before anything is parsed. A
 * JavaScript file (`.js`, `.mjs`, `.cjs`, `.jsx`) comes back as JavaScript.
 */
export function transform(code: string, fileName: string, options: TransformOptions = {}): TransformResult {
  return transformFor(code, fileName, options, {});
}

/**
 * What a front end knows of the tool that takes the output, beyond `transform`'s options:
 * `awaitUsingLoweredBy`, the tool that lowers `await using` next, wrongly in a loop that
 * catches its errors (esbuild, Bun.build: ../core/loweredLoops.ts), which TS46023 names.
 */
export interface FrontEndSetup {
  awaitUsingLoweredBy?: string;
  /** The tool lowers class fields with Oxc: see TextSetup.nameClassExpressions. */
  nameClassExpressions?: boolean;
  /** Nothing strips the module's types before it runs: see TextSetup.untyped. */
  untyped?: boolean;
}

/** `transform`, for a front end that says more of the tool that takes the output. */
export function transformFor(code: string, fileName: string, options: TransformOptions, frontEnd: FrontEndSetup): TransformResult {
  checkArguments(code, fileName);
  if (!mayNeedRewrite(code)) return { code, map: null, diagnostics: [] };
  // A bad option is reported (TS46006, as a bad plugin option in a tsconfig.json) and its default used.
  const given = isRecord(options) ? options : {};
  const ts = isRecord(given.typescript) ? (given.typescript as typeof import("typescript")) : defaultTypeScript();
  const unsupported = checkTypeScript(ts);
  if (unsupported) {
    // One handed as the option is the caller's to change: not a TypeScript to install next to ts-patch.
    const text = isRecord(given.typescript) ? Diagnostics.parserTypescriptOption.text(String(ts.version)) : (unsupported.messageText as string);
    throw new NoTypeScriptError(unsupported.code, text);
  }

  const diagnostics: ts.Diagnostic[] = [];
  const report = (d: ts.Diagnostic) => diagnostics.push(d);
  reportBadOptions(ts, options, report);
  const settings = readOptions(ts, { initMethod: given.initMethod, stateField: given.stateField }, report);
  const target = readTarget(ts, given.target, report);
  // The file as written, with these errors, beside the options' own diagnostics (they have no file).
  const leftAsWritten = (errors: readonly ts.Diagnostic[]): TransformResult => {
    const kept = [...diagnostics.filter((d) => d.file === undefined), ...errors];
    return { code, map: null, diagnostics: inFileOrder(kept).map((d) => toTransformDiagnostic(ts, d, fileName)) };
  };
  let sourceFile: ts.SourceFile | undefined;
  let output: ReturnType<typeof rewriteText>;
  try {
    sourceFile = ts.createSourceFile(fileName, code, parseOptions(ts), true, scriptKind(ts, fileName));
    const plan = analyzeFile({ ts, options: settings, target }, sourceFile);
    diagnostics.push(...plan.diagnostics);
    const lowering = frontEnd.awaitUsingLoweredBy;
    if (lowering !== undefined) {
      for (const list of awaitUsingsInCatchingLoops(ts, sourceFile))
        diagnostics.push(createDiagnostic(ts, "awaitUsingLoweredInLoop", at(sourceFile, list), lowering));
      for (const list of awaitUsingsLeftInForHeads(ts, sourceFile, lowering))
        diagnostics.push(createDiagnostic(ts, "awaitUsingLeftInForHead", at(sourceFile, list), lowering));
    }
    const importFrom = isPlumbingImport(given.plumbing) ? given.plumbing.import : undefined;
    output = rewriteText(ts, plan, {
      ...PLUMBING,
      importFrom,
      keepLines: given.keepLines === true,
      nameClassExpressions: frontEnd.nameClassExpressions,
      untyped: frontEnd.untyped,
    });
  } catch (error) {
    // A file that does not parse may be beyond what the rewrite expects (`await using a = f b = g`): it is
    // left as it is, with TypeScript's own errors. Anything else is this package's failure, or the
    // parser's own: error TS46099 at the file, never a stack of this package's frames.
    const message = String((error as Error)?.message ?? error);
    if (!sourceFile) return leftAsWritten([createDiagnostic(ts, "parserFailed", undefined, ts.version, message)]);
    const syntaxErrors = syntaxErrorsOf(sourceFile);
    return leftAsWritten(syntaxErrors.length > 0 ? syntaxErrors : [createDiagnostic(ts, "internal", undefined, message)]);
  }
  // A file left unchanged goes to the next tool, which says its syntax errors; but an error of this package's fails the build first,
  // and may come of one of them (`class 😀x` read as a class without a name): they are said with it, in its place.
  const failing = diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error);
  const syntaxErrors = syntaxErrorsOf(sourceFile);
  // Unchanged and with no error of this package's, a file that does not parse goes on as it is, with no warning of ours
  // either: the next tool says its syntax errors, which may be what the warning is about (`/** @asyncInit` never closed).
  if (output.map === null && !failing && syntaxErrors.length > 0) return leftAsWritten([]);
  // A file that does not parse is left as it is, and fails with TypeScript's own messages: rewritten,
  // the next tool's message would quote generated code; and a tool that reads the file otherwise
  // than TypeScript does must not run it without the rewrite.
  if (syntaxErrors.length > 0) return leftAsWritten(syntaxErrors);
  return { ...output, diagnostics: inFileOrder(diagnostics).map((d) => toTransformDiagnostic(ts, d, fileName)) };
}

/**
 * A call that cannot be meant (the caller's bug, not the user's input) throws, saying which argument is wrong:
 *
 *     transform(buffer, "db.ts")  // TypeError: ts-async-init/api: transform(code, fileName, options): code must be a string (the module's text); it is an object.
 */
function checkArguments(code: unknown, fileName: unknown): void {
  const wrong = (name: string, what: string, value: unknown) =>
    new TypeError(`ts-async-init/api: transform(code, fileName, options): ${name} must be a string (${what}); it is ${kindOf(value)}.`);
  if (typeof code !== "string") throw wrong("code", "the module's text", code);
  if (typeof fileName !== "string") throw wrong("fileName", 'the module\'s path, e.g. "src/db.ts"', fileName);
}

/** `undefined`, `null`, `a number`, `an object`… */
function kindOf(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  const kind = typeof value;
  return `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}`;
}

/** `{ import: "<a module>" }`: a module's name, and nothing else (a typo beside it would be ignored). */
const isPlumbingImport = (value: unknown): value is { import: string } =>
  isRecord(value) && typeof value.import === "string" && value.import !== "" && unknownKeys(value, ["import"]).length === 0;

/** The options of `transform`, as TransformOptions declares them. */
const OPTION_NAMES: readonly (keyof TransformOptions)[] = ["initMethod", "stateField", "target", "typescript", "plumbing", "keepLines"];

/**
 * TS46006 for an option `transform` does not know (it is ignored), and for a bad one of its
 * own (readOptions reads initMethod and stateField, readTarget the target), whose default is used.
 */
function reportBadOptions(ts: typeof import("typescript"), options: unknown, report: (d: ts.Diagnostic) => void): void {
  if (!isRecord(options)) {
    report(createDiagnostic(ts, "badOptions", undefined, options));
    return;
  }
  for (const key of unknownKeys(options, OPTION_NAMES)) report(createDiagnostic(ts, "unknownOption", undefined, key, OPTION_NAMES));
  const bad = (option: string, expected: string) => report(createDiagnostic(ts, "badOption", undefined, option, options[option], expected));
  if (options.typescript !== undefined && !isRecord(options.typescript)) bad("typescript", 'the typescript module itself, e.g. require("typescript")');
  if (options.keepLines !== undefined && typeof options.keepLines !== "boolean") bad("keepLines", "true or false");
  if (options.plumbing !== undefined && !isPlumbingImport(options.plumbing))
    bad("plumbing", '{ import: "<a module>" }, e.g. { import: "/@ts-async-init/plumbing" }');
}

/** Diagnostics as the file reads, as tsc sorts them: those without a place (the options') first, then by where they start. */
function inFileOrder(diagnostics: readonly ts.Diagnostic[]): ts.Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.start ?? -1) - (b.start ?? -1));
}

/** The syntax errors TypeScript's parser found in the file (`parseDiagnostics`: not in the public typings, there since TypeScript 1.x). */
function syntaxErrorsOf(sourceFile: ts.SourceFile): readonly ts.Diagnostic[] {
  return (sourceFile as ts.SourceFile & { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
}

/** The plumbing as typed, erasable TypeScript for TypeScript files, and as JavaScript for JavaScript files. */
const PLUMBING: TextSetup = {
  typescript: { classes: PLUMBING_TS, await: AWAIT_ONLY_TS },
  javascript: { classes: PLUMBING_JS, await: AWAIT_ONLY_JS },
};

/**
 * The newest syntax, and no JSDoc parsed: the tag is read from the comments' text (core/tag.ts),
 * and nothing else here reads JSDoc. The first parses of a process then compile none of
 * TypeScript's JSDoc parser: for the 74 modules of bench/bundlers that mention the tag or
 * `await using`, in a fresh process, 20% less CPU time to parse them (273 → 213 ms, median
 * of 3), 3% less for the plugin's whole work of a first build (594 → 576 ms, median of 5
 * interleaved). TypeScript 5.2 has no such mode (`JSDocParsingMode` is undefined), and parses them.
 */
function parseOptions(ts: typeof import("typescript")): ts.CreateSourceFileOptions {
  return { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode?.ParseNone };
}

function scriptKind(ts: typeof import("typescript"), fileName: string): ts.ScriptKind {
  if (/\.[cm]?tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.[cm]?jsx$/i.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/i.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
/**
 * The output's language level: `"ES2022"` → ES2022 (any case; `"ES6"` is ES2015, as in a
 * tsconfig.json); ESNext when none is given, or, reported, when TypeScript knows no such target.
 */
function readTarget(ts: typeof import("typescript"), target: unknown, report: (d: ts.Diagnostic) => void): ts.ScriptTarget {
  if (target === undefined) return ts.ScriptTarget.ESNext;
  if (typeof target === "string" && target.toLowerCase() === "es6") return ts.ScriptTarget.ES2015;
  // The enum's ECMAScript names from ES5 up: not its numbers ("1"), `JSON`, `Latest`, nor ES3 (below what the plumbing supports).
  const isTargetName = (name: string) => /^ES(5|\d{4}|Next)$/.test(name);
  const found =
    typeof target === "string" && Object.entries(ts.ScriptTarget).find(([name]) => isTargetName(name) && name.toLowerCase() === target.toLowerCase());
  if (found) return found[1] as ts.ScriptTarget;
  report(createDiagnostic(ts, "badOption", undefined, "target", target, `a target TypeScript ${ts.version} knows (ES5, ES2015 … ${latestTarget(ts)}, ESNext)`));
  return ts.ScriptTarget.ESNext;
}

/** The newest ECMAScript year that this TypeScript names as a target (ES2024 in TypeScript 5.9). */
function latestTarget(ts: typeof import("typescript")): string {
  return Object.keys(ts.ScriptTarget)
    .filter((name) => /^ES\d{4}$/.test(name))
    .sort()
    .at(-1) as string;
}

function toTransformDiagnostic(ts: typeof import("typescript"), d: ts.Diagnostic, fileName: string): TransformDiagnostic {
  const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
  // A byte order mark is no column of the first line, as editors and tsc (which reads the file without it) count.
  const bom = where.line === 0 && d.file?.text.charCodeAt(0) === 0xfeff && where.character > 0 ? 1 : 0;
  return {
    code: d.code,
    category: d.category === ts.DiagnosticCategory.Warning ? "warning" : "error",
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    file: fileName,
    line: where.line + 1,
    column: where.character + 1 - bom,
  };
}
