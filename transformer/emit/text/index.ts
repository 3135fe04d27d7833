import MagicString, { type SourceMap } from "magic-string";
import type * as ts from "typescript";
import { scriptPlumbingName } from "../../core/names";
import { type FilePlan, plumbingNeeded } from "../../core/plan";
import { topLevelNames } from "../../core/scope";
import { countLeadingDirectives, countLeadingDirectivesAndImports } from "../../core/syntax";
import { PLUMBING_GLOBALS, withGlobalsFromGlobalObject } from "../../plumbing";
import { rewriteAwaits } from "./awaits";
import { createNames, createTextEdits, restOfLineIsEmpty } from "./edits";
import type { TextFile } from "./file";
import { PLUMBING_COMMENT } from "./marker";
import { rewriteTaggedClass } from "./taggedClass";

/** The plumbing as one expression (`(() => { … })()`), in the language of the file: all of it, or only what awaiting needs. */
export interface PlumbingSources {
  classes: string;
  await: string;
}

export interface TextSetup {
  /** TypeScript out: the plumbing as typed TypeScript, and types on what is generated (see taggedClass.ts). */
  typescript: PlumbingSources;
  /** JavaScript out, for a `.js` file: the plumbing as JavaScript, and no types. */
  javascript: PlumbingSources;
  /**
   * A module to import the full plumbing from (its export `plumbing`) instead of
   * inserting it, so that a bundle holds it once: the bundler plugin serves that module.
   */
  importFrom?: string;
  /**
   * Keep every line of the input on its line number: what is generated goes on the
   * lines that are there (an inserted plumbing after the last line, called where it is declared), so that a stack trace points at the line the user wrote even where
   * the source map is lost (Bun ignores a plugin's maps; Node.js reads them only with
   * `--enable-source-maps`). Default: generated members and comments on lines of their own.
   */
  keepLines?: boolean;
  /**
   * The tool that takes the output lowers class fields with Oxc (Vite and Rolldown below
   * ES2022), which loses the name an anonymous class expression takes from its place when
   * the class has computed keys, as the generated members do: that name is written.
   * Not for other tools: esbuild renames a class expression named as its variable (`Db2`).
   */
  nameClassExpressions?: boolean;
  /**
   * Write what is added without types, in a TypeScript module that no tool strips before
   * it runs (a `.cts` module in Vite's dev server, whose TypeScript transform takes `.ts`,
   * `.mts` and `.tsx` files only): plain JavaScript, which a module without types of its
   * own runs as it is. Default: typed, erasable TypeScript in a TypeScript module.
   */
  untyped?: boolean;
}

export interface TextOutput {
  code: string;
  /** A version 3 source map from the output back to the input; null when nothing changed. */
  map: SourceMap | null;
}

/**
 * The text back end: carries out a plan as edits to the original text, so that
 * every line the user wrote keeps its text and the source map points at it.
 * TypeScript in, TypeScript out: what it inserts is typed, erasable TypeScript
 * that type-checks under `strict`, and leaves every declared type as it was
 * (what the user's type checker saw). It makes what the AST back end makes, from
 * the same plan (see emit/ast), and runs the same.
 *
 * Given:
 *
 *     import { connect } from "./pool";
 *     /** @asyncInit *\/
 *     export class Db {
 *       async init() { this.pool = await connect(); }
 *     }
 *     await using db = openDb();
 *
 * Produces (without a checker):
 *
 *     import { connect } from "./pool";
 *     /** ts-async-init: makes this module's @asyncInit classes awaitable and async-disposable (generated). *\/
 *     const asyncInit_1 = (() => { … })();
 *     /** @asyncInit *\/
 *     export class Db {
 *       async init() { const asyncInitContext_1 = asyncInit_1.context(); this.pool = await asyncInit_1.inside(asyncInitContext_1, () => connect()); }
 *       /** ts-async-init: waits for a pending init, then runs the teardown once, only if init succeeded. *\/
 *       [asyncInit_1.asyncDispose](): Promise<void> { return asyncInit_1.dispose(this, void 0); }
 *       /** ts-async-init: awaiting the instance runs init() once and yields the instance; undefined once ready. *\/
 *       get ["then" as string]() { return asyncInit_1.then(this, "init"); }
 *     }
 *     const db_1 = openDb(); await using db = asyncInit_1.pending(db_1) ? await asyncInit_1.ready<unknown>(db_1) as typeof db_1 : db_1;
 *
 * Each part is in its own file: the classes (taggedClass.ts), the awaits and
 * `await using` (awaits.ts), the edits and how they nest (edits.ts).
 */
export function rewriteText(ts: typeof import("typescript"), plan: FilePlan, setup: TextSetup): TextOutput {
  const { sourceFile } = plan;
  const source = sourceFile.text;
  const needed = plumbingNeeded(plan);
  if (!needed) return { code: source, map: null };

  const out = new MagicString(withLineFeeds(source));
  const typed = !isJavaScript(sourceFile.fileName) && setup.untyped !== true;
  const unique = createNames(source);
  const isModule = ts.isExternalModule(sourceFile);
  const plumbing = isModule ? unique("asyncInit") : scriptPlumbingName(source);
  let contextName: string | undefined;
  const ownNames = topLevelNames(ts, sourceFile);
  const file: TextFile = {
    ts,
    sourceFile,
    plan,
    source,
    edits: createTextEdits(source, out),
    typed,
    keepLines: setup.keepLines === true,
    nameClassExpressions: setup.nameClassExpressions === true,
    plumbing,
    plumbingBelow: setup.keepLines === true && setup.importFrom === undefined,
    contextName: () => (contextName ??= unique("asyncInitContext")),
    unique,
    type: (annotation) => (typed ? `: ${annotation}` : ""),
    promiseOfVoid: () => (typed && !ownNames.has("Promise") ? ": Promise<void>" : ""),
  };

  insertPlumbing(file, needed, setup, isModule, ownNames);
  for (const cls of plan.classes) rewriteTaggedClass(file, cls);
  rewriteAwaits(file);
  file.edits.finish();

  const fileName = sourceFile.fileName;
  const map = out.generateMap({ source: fileName, file: fileName, includeContent: true, hires: true });
  map.sourcesContent = [source];
  return { code: out.toString(), map };
}

/**
 * The source with each carriage return that ends a line alone (classic Mac line ends)
 * made a line feed, the same length: magic-string counts lines by line feeds only, so
 * the map of such a file would put all of it on its first line. JavaScript reads both
 * as a line end, in template literals too (whose values hold a line feed either way).
 *
 *     "a\rb\r\nc"   →   "a\nb\r\nc"
 */
function withLineFeeds(source: string): string {
  return source.includes("\r") ? source.replace(/\r(?!\n)/g, "\n") : source;
}

function isJavaScript(fileName: string): boolean {
  return /\.[cm]?jsx?$/i.test(fileName);
}

/**
 * `const asyncInit_1 = (() => { … })();` with a comment that says what it is, after
 * the file's directives ("use strict", "use client") and leading imports, as the AST
 * back end puts it; in a classic script (no import or export), a `var` with a name
 * of its own (`var asyncInit_5f3a9c1e`, see core/names.ts). A module that declares or
 * imports a global the plumbing uses gets the plumbing's text that takes it from
 * the global object first. With `setup.importFrom` (a bundler plugin serves the
 * plumbing as a module), in the same place:
 *
 *     import { plumbing as asyncInit_1 } from "/@ts-async-init/plumbing";
 */
function insertPlumbing(file: TextFile, needed: "classes" | "await", setup: TextSetup, isModule: boolean, ownNames: Set<string>): void {
  const { sourceFile } = file;
  if (setup.importFrom !== undefined) {
    // The full plumbing serves a module that only awaits too (it has ready and pending);
    // its own scope sees the real globals, whatever this module declares.
    insertStatement(file, importPosition(file.ts, sourceFile), `import { plumbing as ${file.plumbing} } from ${JSON.stringify(setup.importFrom)};`);
    return;
  }
  const at = plumbingPosition(file.ts, sourceFile);
  const sources = file.typed ? setup.typescript : setup.javascript;
  const shadowed = PLUMBING_GLOBALS.filter((name) => ownNames.has(name));
  const iife = withGlobalsFromGlobalObject(sources[needed], shadowed, { typed: file.typed }).trim();
  const comment = needed === "classes" ? PLUMBING_COMMENT.classes : PLUMBING_COMMENT.await;
  const declare = isModule ? "const" : "var";
  if (!file.keepLines) {
    insertStatement(file, at, `${comment}\n${declare} ${file.plumbing} = ${iife};`);
    return;
  }
  // With keepLines, the plumbing's code goes after the last line, in a function declaration (hoisted),
  // and the line that the declaration joins gets only a call of it: an error on that line (Node's
  // excerpt of it, a column in a stack trace) shows the user's code, not the plumbing's.
  //
  //     import { connect } from "./pool";             import { connect } from "./pool";
  //     /** @asyncInit *\/                      →      const asyncInit_1 = asyncInitPlumbing_1(); /** @asyncInit *\/
  //     export class Db { … }                         export class Db { … }
  //                                                   /** ts-async-init: makes this module's … (generated). *\/
  //                                                   function asyncInitPlumbing_1() { return (() => { … })(); }
  const make = isModule ? file.unique("asyncInitPlumbing") : `${file.plumbing}_plumbing`;
  insertStatement(file, at, `${declare} ${file.plumbing} = ${make}();`);
  const { source } = file;
  const newline = source.endsWith("\n") ? "" : "\n";
  file.edits.insertLeft(source.length, `${newline}${comment}\nfunction ${make}() {\n  return ${iife};\n}\n`);
}

/**
 * Inserts a statement at `at` (a statement's end, or the start of the file): on a
 * line of its own, or with `keepLines`, at the start of the next line when only
 * comments follow `at` on its line (a shebang, a header comment), else just there.
 */
function insertStatement(file: TextFile, at: number, statement: string): void {
  const { ts, source, edits } = file;
  const lineStart = at === 0 || source[at - 1] === "\n" || source[at - 1] === "\r";
  if (!file.keepLines) {
    edits.insertLeft(at, lineStart ? `${statement}\n` : `\n${statement}`);
    return;
  }
  const lineEnd = lineStart ? undefined : restOfLineIsEmpty(ts, source, at);
  const nextLine = lineEnd === undefined ? -1 : nextLineStart(source, lineEnd);
  if (lineStart) edits.insertLeft(at, `${statement} `);
  // On the line of a statement written without `;` (`import { a } from "./a" /* … */`), no line break ends it.
  else if (lineEnd === undefined) edits.insertLeft(at, `${/[^;\s/]/.test(source[at - 1]) ? ";" : ""} ${statement}`);
  else if (nextLine >= 0) edits.insertLeft(nextLine, `${statement} `);
  else edits.insertLeft(source.length, `\n${statement}`); // nothing after the header: no line to keep
}

/** Where the line after the one `at` is on starts (after its `\n`, `\r\n`, or a `\r` alone); -1 on the last line. */
function nextLineStart(source: string, at: number): number {
  const lineBreak = /\r\n?|\n/g;
  lineBreak.lastIndex = at;
  const found = lineBreak.exec(source);
  return found ? found.index + found[0].length : -1;
}

/**
 * Where the plumbing goes: after the directive prologue and the leading imports,
 * else after the file's header comments (a shebang, a licence block separated from
 * the code by a blank line, a pragma), so that directives and header comments stay first.
 * The compilers read a file's pragmas only from the comments before its first statement
 * (oxc, and so Vite and Rolldown, among them), even where the comment below, a class's
 * JSDoc, follows with no blank line:
 *
 *     /** @jsxImportSource preact *\/               /** @jsxImportSource preact *\/
 *     /** @asyncInit *\/                     →      import { plumbing as asyncInit_1 } from "/@ts-async-init/plumbing";
 *     export class View { … }                      /** @asyncInit *\/
 *                                                  export class View { … }
 */
function plumbingPosition(ts: typeof import("typescript"), sourceFile: ts.SourceFile): number {
  const i = countLeadingDirectivesAndImports(ts, sourceFile.statements);
  return i > 0 ? sourceFile.statements[i - 1].getEnd() : headerEnd(ts, sourceFile.text);
}

/**
 * Where the plumbing's import goes: before the module's own imports (after its directives
 * and header comments), so that it is the first module loaded. A tool that runs code of
 * the module before its imports have all loaded then finds the plumbing ready: vitest
 * hoists `vi.mock(path, factory)` above the imports, and a factory's tagged class,
 * defined while a later import loads, uses it.
 *
 *     import { Db } from "./db";              import { plumbing as asyncInit_1 } from "/@ts-async-init/plumbing";
 *     /** @asyncInit *\/                →     import { Db } from "./db";
 *     class Pool { … }                        /** @asyncInit *\/ …
 */
function importPosition(ts: typeof import("typescript"), sourceFile: ts.SourceFile): number {
  const i = countLeadingDirectives(ts, sourceFile.statements);
  return i > 0 ? sourceFile.statements[i - 1].getEnd() : headerEnd(ts, sourceFile.text);
}

/** The end of a file's header: its shebang, and the comments before the code that are a header, a pragma or a triple-slash directive. */
function headerEnd(ts: typeof import("typescript"), text: string): number {
  let at = ts.getShebang(text)?.length ?? 0;
  for (const comment of ts.getLeadingCommentRanges(text, at) ?? []) {
    const header = /\n[^\S\n]*\n/.test(text.slice(comment.end, skipWhitespace(text, comment.end) + 1));
    const written = text.slice(comment.pos, comment.end);
    if (header || PRAGMA.test(written) || TRIPLE_SLASH_DIRECTIVE.test(written)) at = comment.end;
  }
  return at;
}

/** A comment that sets how the file is compiled: JSX pragmas, and TypeScript's `@ts-check` and `@ts-nocheck`. */
const PRAGMA = /@(?:jsx|jsxFrag|jsxImportSource|jsxRuntime|ts-check|ts-nocheck)\b/;

/** `/// <reference types="node" />` and its kin, which TypeScript reads only before the first statement. */
const TRIPLE_SLASH_DIRECTIVE = /^\/\/\/\s*<(?:reference|amd-module|amd-dependency)\b/;

function skipWhitespace(fileText: string, at: number): number {
  while (at < fileText.length && /\s/.test(fileText[at])) at++;
  return at;
}
