import type * as ts from "typescript";
import MagicString, { type SourceMap } from "magic-string";
import type { ClassPlan, FilePlan } from "../../core/plan";
import { plumbingNeeded } from "../../core/plan";
import { countLeadingDirectivesAndImports } from "../../core/syntax";

/** The plumbing's source, as TypeScript a file can carry: all of it, or only what awaiting needs. */
export interface PlumbingSources {
  classes: string;
  await: string;
}

export interface TextOutput {
  code: string;
  /** A version 3 source map from the output back to the input; null when nothing changed. */
  map: SourceMap | null;
}

/**
 * The text back end: carries out a plan as edits to the original text, so that
 * every line the user wrote keeps its text and the source map points at it.
 * TypeScript in, TypeScript out: what it inserts is typed, erasable TypeScript.
 *
 * Given:
 *
 *     /** @asyncInit *\/
 *     export class Db {
 *       async init() { … }
 *       async [Symbol.asyncDispose]() { await this.pool.end(); }
 *     }
 *     await using db = openDb();
 *
 * Produces (without a checker):
 *
 *     const asyncInit_1 = (() => { … })();
 *     /** @asyncInit *\/
 *     export class Db {
 *       async init() { … }
 *       [Symbol.asyncDispose]() { return asyncInit_1.dispose(this, void 0, async () => { await this.pool.end(); }); }
 *       get then(): any { return asyncInit_1.then(this, "init"); }
 *     }
 *     await using db = openDb(); if (asyncInit_1.pending(db)) await asyncInit_1.ready(db);
 */
export function rewriteText(ts: typeof import("typescript"), plan: FilePlan, sources: PlumbingSources, fileName: string): TextOutput {
  const { sourceFile } = plan;
  const needed = plumbingNeeded(plan);
  if (!needed) return { code: sourceFile.text, map: null };
  const text = new MagicString(sourceFile.text);
  const name = plumbingName(sourceFile.text);

  for (const cls of plan.classes) rewriteClass(ts, text, sourceFile, cls, name);
  for (const node of plan.typedAwaits) wrap(text, node.expression, `${name}.ready(`, ")");
  for (const [declaration, mode] of plan.awaitUsings) {
    if (mode === "typed") wrap(text, declaration.initializer!, `await ${name}.ready(`, ")");
    else awaitIfPending(text, sourceFile, declaration, name);
  }
  for (const [loop, mode] of plan.loops) enterLoop(ts, text, sourceFile, loop, mode, name);

  const source = sources[needed].replace(/\basyncInit_1\b/g, name);
  const at = plumbingPosition(ts, sourceFile);
  text.appendLeft(at, at === 0 || sourceFile.text[at - 1] === "\n" ? `${source}\n` : `\n${source}`);
  return { code: text.toString(), map: text.generateMap({ source: fileName, file: fileName, includeContent: true, hires: true }) };
}

/** `asyncInit_1`, or `asyncInit_2`… when the file's text already has that name. */
function plumbingName(fileText: string): string {
  let n = 1;
  while (fileText.includes(`asyncInit_${n}`)) n++;
  return `asyncInit_${n}`;
}

function wrap(text: MagicString, node: ts.Node, before: string, after: string): void {
  text.appendLeft(node.getStart(), before);
  text.prependRight(node.getEnd(), after);
}

/**
 * One tagged class: the state field first, the generated members last, the
 * user's teardown wrapped in place.
 */
function rewriteClass(ts: typeof import("typescript"), text: MagicString, sourceFile: ts.SourceFile, cls: ClassPlan, name: string): void {
  const { node } = cls;
  const indent = memberIndent(sourceFile, node);
  if (cls.stateField) text.appendLeft(node.members.pos, `\n${indent}${stateSlot(cls.stateField, name)}`);

  for (const member of cls.disposeMembers) {
    if (member === cls.teardown) wrapTeardown(ts, text, member, cls, name);
    else text.remove(member.getFullStart(), member.getEnd()); // abstract, or an overload: the generated one takes its place
  }

  const generated = [
    ...(cls.teardown ? [] : [`/** ts-async-init: waits for a pending init, then runs the teardown once, only if init succeeded. */`, `[Symbol.asyncDispose](): Promise<void> { return ${name}.dispose(this, ${inheritedDispose(cls)}); }`]),
    `/** ts-async-init: awaiting the instance runs ${cls.initName}() once and yields the instance; undefined once ready. */`,
    `get then(): any { return ${name}.then(this, ${JSON.stringify(cls.initName)}${cls.withSignal ? ", true" : ""}); }`,
  ];
  const closing = node.getEnd() - 1;
  const before = sourceFile.text.slice(node.members.end, closing);
  text.appendLeft(node.members.end, `${generated.map((line) => `\n${indent}${line}`).join("")}${before.includes("\n") ? "" : "\n"}`);
}

/**
 *     async [Symbol.asyncDispose]() { await this.pool.end(); }
 *   →
 *     [Symbol.asyncDispose]() { return asyncInit_1.dispose(this, void 0, async () => { await this.pool.end(); }); }
 */
function wrapTeardown(ts: typeof import("typescript"), text: MagicString, method: ts.MethodDeclaration, cls: ClassPlan, name: string): void {
  const body = method.body!;
  const asyncKeyword = ts.getModifiers(method)?.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  if (asyncKeyword) text.remove(asyncKeyword.getStart(), skipSpaces(method.getSourceFile().text, asyncKeyword.getEnd()));
  text.appendLeft(body.getStart() + 1, ` return ${name}.dispose(this, ${inheritedDispose(cls)}, ${asyncKeyword ? "async " : ""}() => {`);
  text.prependRight(body.getEnd() - 1, "}); ");
}

/** The teardown a class overrides: `super[Symbol.asyncDispose]`, or `void 0` for a class with no `extends`. */
function inheritedDispose(cls: ClassPlan): string {
  return cls.extendsSomething ? "super[Symbol.asyncDispose]" : "void 0";
}

/** The private field and the static block that lends it to the plumbing (see the AST back end's createStateSlot). */
function stateSlot(field: string, name: string): string {
  return (
    `/** ts-async-init: the state of the instance (not awaited, being awaited, ready), private to the class. */ ${field}: unknown; ` +
    `static { ${name}.slot(this, { has: (self: any) => ${field} in self, get: (self: any) => self.${field}, set: (self: any, state: unknown) => { self.${field} = state; } }); }`
  );
}

/**
 *     await using db = openDb();                →  await using db = openDb(); if (asyncInit_1.pending(db)) await asyncInit_1.ready(db);
 *     await using a = x(), b = y();             →  await using a = x(); if (…a…) …; await using b = y(); if (…b…) …;
 *
 * The test follows the declaration, so the value keeps its type and is awaited
 * only when it is an instance of a tagged class that is not ready yet.
 */
function awaitIfPending(text: MagicString, sourceFile: ts.SourceFile, declaration: ts.VariableDeclaration, name: string): void {
  const list = declaration.parent as ts.VariableDeclarationList;
  const index = list.declarations.indexOf(declaration);
  const binding = declaration.name.getText(sourceFile);
  const test = `if (${name}.pending(${binding})) await ${name}.ready(${binding});`;
  const next = list.declarations[index + 1];
  if (next) {
    // The comma between two declarators becomes the end of one declaration and the start of the next.
    text.overwrite(declaration.getEnd(), next.getStart(), `; ${test} await using `);
    return;
  }
  const statementEnd = list.parent.getEnd();
  if (sourceFile.text[statementEnd - 1] === ";") text.appendLeft(statementEnd, ` ${test}`);
  else text.appendLeft(list.getEnd(), `; ${test}`);
}

/**
 *     for (await using db of dbs) use(db);
 *   →
 *     for (await using db of dbs) { if (asyncInit_1.pending(db)) await asyncInit_1.ready(db); use(db); }
 */
function enterLoop(ts: typeof import("typescript"), text: MagicString, sourceFile: ts.SourceFile, loop: ts.ForOfStatement, mode: "typed" | "runtime", name: string): void {
  const binding = (loop.initializer as ts.VariableDeclarationList).declarations[0].name.getText(sourceFile);
  const enter = mode === "typed" ? `await ${name}.ready(${binding});` : `if (${name}.pending(${binding})) await ${name}.ready(${binding});`;
  const body = loop.statement;
  if (ts.isBlock(body)) text.appendLeft(body.getStart() + 1, ` ${enter}`);
  else wrap(text, body, `{ ${enter} `, " }");
}

function skipSpaces(fileText: string, at: number): number {
  while (at < fileText.length && (fileText[at] === " " || fileText[at] === "\t")) at++;
  return at;
}

/** The indentation of the class's first member, or two spaces more than the class's. */
function memberIndent(sourceFile: ts.SourceFile, node: ts.ClassLikeDeclaration): string {
  const first = node.members[0];
  const lineOf = (pos: number) => sourceFile.text.slice(sourceFile.text.lastIndexOf("\n", pos - 1) + 1, pos);
  if (first) {
    const before = lineOf(first.getStart());
    if (/^\s*$/.test(before)) return before;
  }
  return `${/^\s*/.exec(lineOf(node.getStart()))![0]}  `;
}

/**
 * Where the plumbing goes: after the directive prologue and the leading imports,
 * else after the file's header comments (a shebang, a licence block separated from
 * the code by a blank line), so that directives and header comments stay first.
 */
function plumbingPosition(ts: typeof import("typescript"), sourceFile: ts.SourceFile): number {
  const i = countLeadingDirectivesAndImports(ts, sourceFile.statements);
  if (i > 0) return sourceFile.statements[i - 1].getEnd();
  const text = sourceFile.text;
  let at = ts.getShebang(text)?.length ?? 0;
  for (const comment of ts.getLeadingCommentRanges(text, at) ?? []) {
    if (/\n[^\S\n]*\n/.test(text.slice(comment.end, skipWhitespace(text, comment.end) + 1))) at = comment.end;
  }
  return at;
}

function skipWhitespace(fileText: string, at: number): number {
  while (at < fileText.length && /\s/.test(fileText[at])) at++;
  return at;
}
