import type * as ts from "typescript";
import type { AsyncFunctionPlan } from "../../core/plan";
import { countLeadingDirectives } from "../../core/syntax";
import { CONTEXT_COMMENT } from "../comments";
import { commaBetween, indentAt, restOfLineIsEmpty, startsLine, tokenAfter } from "./edits";
import type { TextFile } from "./file";

/** How wraps of the same range nest (see TextEdits.wrap): the lower layer is inside. */
const READY = 0;
const INSIDE = 1;
const AFTER = 2;
const BLOCK = 3;

/**
 * The awaits of one file, as the AST back end makes them (see
 * emit/ast/visitors/asyncFunctions.ts, awaitUsing.ts and typedAwait.ts), in
 * text: the context each planned async function of a tagged class keeps, the
 * awaits run inside it, the typed awaits, and the `await using` sites.
 */
export function rewriteAwaits(file: TextFile): void {
  const { ts, plan } = file;
  // The `await using` sites and awaits inside an async function of a tagged class: their awaits run inside its context.
  const inContext = new Set<ts.Node>();
  for (const cls of plan.classes) {
    for (const fn of cls.asyncFunctions) {
      keepContext(file, fn);
      fn.entries.forEach((site) => inContext.add(site));
      for (const node of fn.awaits) runInside(file, node.expression, plan.typedAwaits.has(node));
      for (const node of fn.returns) runInside(file, node.expression!, false);
      for (const value of fn.lateValues) handOverInside(file, value);
    }
  }
  // await db   →   await asyncInit_1.ready(db)
  for (const node of plan.typedAwaits) file.edits.wrap(node.expression.getStart(), node.expression.getEnd(), `${file.plumbing}.ready(`, ")", READY);

  // In source order, so that temporaries are numbered as the AST back end numbers them (in the order they are printed).
  const sites = new Set<ts.VariableDeclarationList | ts.ForOfStatement>(plan.loops.keys());
  for (const declaration of plan.awaitUsings.keys()) sites.add(declaration.parent as ts.VariableDeclarationList);
  for (const site of [...sites].sort((a, b) => a.getStart() - b.getStart())) {
    if (ts.isForOfStatement(site)) rewriteForAwaitUsingOf(file, site, plan.loops.get(site)!, inContext.has(site));
    else if (ts.isForStatement(site.parent)) rewriteLoopHead(file, site, inContext);
    else rewriteAwaitUsingList(file, site, inContext);
  }
}

/**
 * The context an async function of a tagged class was called in, kept first thing
 * (after its directives), and an expression body made a block that returns it:
 *
 *     async connect() {                      async connect() {
 *       await open(this.url);          →       // ts-async-init: the init or teardown this call is part of, if any
 *     }                                        const asyncInitContext_1 = asyncInit_1.context();
 *                                              await asyncInit_1.inside(asyncInitContext_1, () => open(this.url));
 *                                            }
 *     async () => await g()            →     async () => { const asyncInitContext_1 = asyncInit_1.context(); return await asyncInit_1.inside(asyncInitContext_1, () => g()); }
 *
 * A body written on one line keeps it: the context goes on that line, without the comment.
 */
function keepContext(file: TextFile, fn: AsyncFunctionPlan): void {
  const { ts, source, edits } = file;
  const body = fn.node.body!;
  const capture = `const ${file.contextName()} = ${file.plumbing}.context();`;
  if (!ts.isBlock(body)) {
    edits.wrap(body.getStart(), body.getEnd(), `{ ${capture} return `, "; }", BLOCK);
    return;
  }
  const directives = countLeadingDirectives(ts, body.statements);
  const after = directives ? body.statements[directives - 1].getEnd() : body.getStart() + 1;
  const lineEnd = restOfLineIsEmpty(ts, source, after);
  const next = body.statements[directives];
  if (lineEnd !== undefined && next && startsLine(source, next.getStart()) && !file.keepLines) {
    const indent = indentAt(source, next.getStart());
    edits.insertLeft(lineEnd, `\n${indent}//${CONTEXT_COMMENT}\n${indent}${capture}`);
  } else {
    // On the directive's line, a directive written without `;` needs one: `"use strict"; const …`.
    const semicolon = directives && source[after - 1] !== ";" ? ";" : "";
    edits.insertLeft(after, `${semicolon} ${capture}`);
  }
}

/**
 * `await x`   →   `await asyncInit_1.inside(asyncInitContext_1, () => x)` (with `ready(x)` inside, where x is typed);
 * `return x`  →   `return asyncInit_1.inside(asyncInitContext_1, () => x)`.
 */
function runInside(file: TextFile, operand: ts.Expression, typed: boolean): void {
  // `() => { … }` would be a block, and `() => a, b` two arguments: an object literal or a comma list goes in parentheses.
  const parens = !typed && (file.source[operand.getStart()] === "{" || isCommaList(file.ts, operand));
  file.edits.wrap(
    operand.getStart(),
    operand.getEnd(),
    `${file.plumbing}.inside(${file.contextName()}, () => ${parens ? "(" : ""}`,
    `${parens ? ")" : ""})`,
    INSIDE,
  );
}

/**
 * A returned value known only after an await of its own:
 * `(await open(), this)`   →   `asyncInit_1.inside(asyncInitContext_1, (<T,>(value: T) => () => value)((await …, this)))`.
 * In TypeScript the function that holds the value is generic, so that the value keeps the
 * type the function's return type gives it (`return [await open(), this]` as a tuple).
 * A comma list written without parentheses gets them, as it would be the holder's arguments:
 * `return await open(), this`   →   `…(value) => () => value)((await …, this)))`.
 */
function handOverInside(file: TextFile, value: ts.Expression): void {
  const holder = file.typed ? "(<T,>(value: T) => () => value)" : "((value) => () => value)";
  const [open, close] = isCommaList(file.ts, value) ? ["(", ")"] : ["", ""];
  file.edits.wrap(value.getStart(), value.getEnd(), `${file.plumbing}.inside(${file.contextName()}, ${holder}(${open}`, `${close}))`, INSIDE);
}

/** `a, b`: a comma list, which as a call's argument or an arrow function's body needs parentheses. */
function isCommaList(ts: typeof import("typescript"), node: ts.Expression): boolean {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CommaToken;
}

/** `await asyncInit_1.ready(value)`, or inside the function's context. */
function awaitReady(file: TextFile, value: string, inContext: boolean, typeArgument = ""): string {
  const ready = `${file.plumbing}.ready${typeArgument}(${value})`;
  return inContext ? `await ${file.plumbing}.inside(${file.contextName()}, () => ${ready})` : `await ${ready}`;
}

/**
 * `asyncInit_1.pending(db_1) ? await asyncInit_1.ready(db_1) : db_1`; in TypeScript,
 * `await asyncInit_1.ready<unknown>(db_1) as typeof db_1`: the value may be any
 * disposable, and one with a `then` method of its own would otherwise make the await
 * ill-typed (TS1320) or change the type it yields (TS2851). Where `pending` is true it is
 * a tagged instance, whose generated `then` its type does not have.
 */
function awaitIfPending(file: TextFile, temp: string, inContext: boolean): string {
  const awaited = file.typed ? `${awaitReady(file, temp, inContext, "<unknown>")} as typeof ${temp}` : awaitReady(file, temp, inContext);
  return `${file.plumbing}.pending(${temp}) ? ${awaited} : ${temp}`;
}

/**
 * `: T` as the declaration wrote it, or nothing. With keepLines, a type written over
 * several lines is copied on one (nothing, where it holds a comment or a template
 * literal type: the temporary it is read from has the type anyway).
 */
function typeOf(file: TextFile, declaration: ts.VariableDeclaration): string {
  if (!declaration.type) return "";
  const text = declaration.type.getText(file.sourceFile);
  if (!file.keepLines || !/[\r\n]/.test(text)) return `: ${text}`;
  return /\/\/|\/\*|`/.test(text) ? "" : `: ${text.replace(/\s*[\r\n]\s*/g, " ")}`;
}

/**
 * One `await using` statement (or the typed declarators of a `for (…; …; …)` head).
 *
 * With a checker ("typed"), each typed initializer is awaited in place:
 *
 *     await using db = new Db(url), log = openLog();
 *   →
 *     await using db = await asyncInit_1.ready(new Db(url)), log = openLog();
 *
 * Without one ("runtime"), each value is made into a temporary, tested, then declared,
 * one declarator after the other, the user's text of each value staying where it is:
 *
 *     await using db: Db = open(url), log = openLog();
 *   →
 *     const db_1: Db = open(url); await using db: Db = asyncInit_1.pending(db_1) ? await asyncInit_1.ready(db_1) : db_1; const log_1 = openLog(); await using log = asyncInit_1.pending(log_1) ? await asyncInit_1.ready(log_1) : log_1;
 *
 * (In TypeScript each `await asyncInit_1.ready(db_1)` there reads
 * `await asyncInit_1.ready<unknown>(db_1) as typeof db_1`: see awaitIfPending.)
 *
 * `await using` becomes `const` and each name its temporary, each comma a `;` and the
 * declaration of the value before it; a declarator the plan leaves (already awaited)
 * becomes an `await using` of its own, as written.
 */
function rewriteAwaitUsingList(file: TextFile, list: ts.VariableDeclarationList, inContext: Set<ts.Node>): void {
  const { ts, plan, edits, sourceFile } = file;
  const declarations = list.declarations;
  const runtime = (d: ts.VariableDeclaration) => plan.awaitUsings.get(d) === "runtime";
  if (!declarations.some(runtime)) {
    for (const d of declarations) {
      if (plan.awaitUsings.get(d) === "typed") awaitInitializer(file, d, inContext.has(d));
    }
    return;
  }
  // With keepLines, only onto the same line: the words keep their line.
  const [only] = declarations;
  if (declarations.length === 1 && (!file.keepLines || !/[\r\n]/.test(file.source.slice(list.getStart(), only.initializer!.getEnd())))) {
    declareAfterValue(file, list, only, inContext.has(only));
    return;
  }
  const temps = new Map<ts.VariableDeclaration, string>();
  const entered = (d: ts.VariableDeclaration) =>
    `await using ${d.name.getText(sourceFile)}${typeOf(file, d)} = ${awaitIfPending(file, temps.get(d)!, inContext.has(d))}`;
  declarations.forEach((d, i) => {
    if (runtime(d)) temps.set(d, file.unique((d.name as ts.Identifier).text));
    if (i === 0) {
      if (runtime(d)) declareFirst(file, list, temps.get(d)!);
      return;
    }
    const previous = declarations[i - 1];
    const comma = commaBetween(ts, sourceFile, previous.getEnd());
    edits.replace(comma, comma + 1, runtime(previous) ? `; ${entered(previous)};` : ";");
    if (runtime(d)) edits.replace(d.name.getStart(), d.name.getEnd(), `const ${temps.get(d)}`);
    else edits.insertLeft(d.name.getStart(), "await using ");
  });
  const last = declarations[declarations.length - 1];
  if (runtime(last)) {
    const statement = list.parent;
    const terminated = file.source[statement.getEnd() - 1] === ";";
    edits.wrap(last.initializer!.getStart(), last.initializer!.getEnd(), "", `; ${entered(last)}${terminated ? "" : ";"}`, AFTER);
  }
}

/**
 * The first declarator's words as a `const` of its temporary. With keepLines, each word is
 * replaced where it stands, so that a comment and a line break between them stay:
 *
 *     await // the pool                          const // the pool
 *       using db = open(), log = …;       →        db_1 = open(); await using db = …; await using log = …;
 */
function declareFirst(file: TextFile, list: ts.VariableDeclarationList, temp: string, end = list.declarations[0].name.getEnd()): void {
  const { edits } = file;
  const start = list.getStart();
  if (!file.keepLines) {
    edits.replace(start, end, `const ${temp}`);
    return;
  }
  const usingEnd = tokenAfter(file.ts, file.sourceFile, start + "await".length).end;
  edits.replace(start, start + "await".length, "const");
  edits.remove(usingEnd - "using".length, usingEnd);
  edits.replace(list.declarations[0].name.getStart(), end, temp);
}

/**
 * One declarator tested when it runs, its words `await using db` moved after the value
 * rather than written again, so that the source map keeps them where they were (a frame
 * of the await that waits for init points at them):
 *
 *     await using db: Db = open(url);
 *   →
 *     const db_1: Db = open(url); await using db: Db = asyncInit_1.pending(db_1) ? await asyncInit_1.ready(db_1) : db_1;
 */
function declareAfterValue(file: TextFile, list: ts.VariableDeclarationList, d: ts.VariableDeclaration, inContext: boolean): void {
  const { edits } = file;
  const temp = file.unique((d.name as ts.Identifier).text);
  const value = d.initializer!;
  const terminated = file.source[list.parent.getEnd() - 1] === ";";
  edits.insertLeft(list.getStart(), `const ${temp}`);
  edits.move(list.getStart(), d.name.getEnd(), value.getEnd());
  // After the value and what wraps it; the moved words follow, then what they are given.
  edits.wrap(value.getStart(), value.getEnd(), "", "; ", AFTER);
  edits.insertLeft(d.name.getEnd(), `${typeOf(file, d)} = ${awaitIfPending(file, temp, inContext)}${terminated ? "" : ";"}`);
}

/** `= value`   →   `= await asyncInit_1.ready(value)` */
function awaitInitializer(file: TextFile, declaration: ts.VariableDeclaration, inContext: boolean): void {
  const value = declaration.initializer!;
  const [before, after] = awaitReady(file, "\0", inContext).split("\0");
  file.edits.wrap(value.getStart(), value.getEnd(), before, after, READY);
}

/**
 * The `await using` declarators of a `for (…; …; …)` head: with a checker, each typed
 * one is awaited in place; without one, the first is tested before the loop
 * (the others are not: see the diagnostic 46022):
 *
 *     for (await using db = open(url); db.more(); ) { … }
 *   →
 *     { const db_1 = open(url); for (await using db = asyncInit_1.pending(db_1) ? await asyncInit_1.ready(db_1) : db_1; db.more(); ) { … } }
 *
 * The text of the value moves before the loop (a label stays on the loop… with the block
 * before the label, so that `continue label` still names a loop).
 */
function rewriteLoopHead(file: TextFile, list: ts.VariableDeclarationList, inContext: Set<ts.Node>): void {
  const { ts, plan, edits } = file;
  const [first, ...rest] = list.declarations;
  for (const d of [first, ...rest]) {
    if (plan.awaitUsings.get(d) === "typed") awaitInitializer(file, d, inContext.has(d));
  }
  if (plan.awaitUsings.get(first) !== "runtime") return;
  const loop = list.parent as ts.ForStatement;
  let outer: ts.Statement = loop;
  while (ts.isLabeledStatement(outer.parent)) outer = outer.parent;
  const value = first.initializer!;
  const temp = file.unique((first.name as ts.Identifier).text);
  edits.wrap(outer.getStart(), loop.getEnd(), `{ const ${temp}${typeOf(file, first)} = `, " }", BLOCK);
  edits.move(value.getStart(), value.getEnd(), outer.getStart());
  edits.insertRight(outer.getStart(), "; ");
  edits.insertLeft(value.getStart(), awaitIfPending(file, temp, inContext.has(first)));
}

/**
 * `for (await using x of xs)`: each element is awaited (with a checker) or tested
 * (without) on entry, in a block around the loop body, which stays as written:
 *
 *     for (await using db of dbs) use(db);
 *   →
 *     for (const db_1 of dbs) { await using db = asyncInit_1.pending(db_1) ? await asyncInit_1.ready(db_1) : db_1; use(db); }
 */
function rewriteForAwaitUsingOf(file: TextFile, loop: ts.ForOfStatement, mode: "typed" | "runtime", inContext: boolean): void {
  const { edits } = file;
  const list = loop.initializer as ts.VariableDeclarationList;
  const declaration = list.declarations[0];
  const name = (declaration.name as ts.Identifier).text;
  const temp = file.unique(name);
  // Its type goes with the declaration in the body: `const x_1` holds the value as it comes.
  declareFirst(file, list, temp, declaration.getEnd());
  const value = mode === "typed" ? awaitReady(file, temp, inContext) : awaitIfPending(file, temp, inContext);
  edits.wrap(loop.statement.getStart(), loop.statement.getEnd(), `{ await using ${name}${typeOf(file, declaration)} = ${value}; `, " }", BLOCK);
}
