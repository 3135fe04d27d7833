import type * as ts from "typescript";
import type { FileContext } from "../context";
import { awaitReady } from "./typedAwait";

/**
 * Where the checker knows the value is an `@asyncInit` instance, awaits each such
 * initializer of an `await using` ("typed" in the plan).
 *
 *     await using db = new Db(url), log = openLog();
 *   →
 *     await using db = await asyncInit_1.ready(new Db(url)), log = openLog();
 *
 * `list` is the original node (the plan knows its declarations); `visited` is the
 * same list after its children were visited.
 */
export function visitAwaitUsingList(file: FileContext, list: ts.VariableDeclarationList, visited: ts.VariableDeclarationList): ts.VariableDeclarationList {
  const { factory, plan } = file;
  let changed = false;
  const declarations = visited.declarations.map((declaration, i) => {
    if (plan.awaitUsings.get(list.declarations[i]) !== "typed" || !declaration.initializer) return declaration;
    changed = true;
    return factory.updateVariableDeclaration(
      declaration,
      declaration.name,
      declaration.exclamationToken,
      declaration.type,
      awaitReady(file, declaration.initializer, list.declarations[i]),
    );
  });
  return changed ? factory.updateVariableDeclarationList(visited, declarations) : visited;
}

/**
 * Without a checker ("runtime" in the plan), each value is tested when it runs,
 * before it is declared: a tagged instance that is not ready yet is awaited, and
 * any other value is used as it is, with no added microtask turn.
 *
 *     await using db = open(url), log = openLog();
 *   →
 *     const db_1 = open(url);
 *     await using db = asyncInit_1.pending(db_1) ? await asyncInit_1.ready(db_1) : db_1;
 *     const log_1 = openLog();
 *     await using log = asyncInit_1.pending(log_1) ? await asyncInit_1.ready(log_1) : log_1;
 *
 * Each value is made after the one before it is declared, as in the original: if
 * making one throws, those before it are disposed. If init fails, its instance is
 * never declared, so nothing disposes it, as with a checker.
 */
export function visitAwaitUsingStatement(file: FileContext, statement: ts.VariableStatement, visited: ts.VariableStatement): ts.VisitResult<ts.Statement> {
  const { ts, factory, plan } = file;
  const original = statement.declarationList.declarations;
  const tested = (i: number) => plan.awaitUsings.get(original[i]) === "runtime" && isNamedAndInitialized(ts, original[i]);
  if (!original.some((_, i) => tested(i))) return visited;
  const statements: ts.Statement[] = [];
  visited.declarationList.declarations.forEach((declaration, i) => {
    const value = declaration.initializer;
    if (!tested(i) || !value || !ts.isIdentifier(declaration.name)) {
      statements.push(factory.createVariableStatement(visited.modifiers, factory.createVariableDeclarationList([declaration], ts.NodeFlags.AwaitUsing)));
      return;
    }
    const temp = factory.createUniqueName(declaration.name.text);
    statements.push(
      factory.createVariableStatement(
        undefined,
        factory.createVariableDeclarationList([factory.createVariableDeclaration(temp, undefined, undefined, value)], ts.NodeFlags.Const),
      ),
    );
    const entered = factory.updateVariableDeclaration(
      declaration,
      declaration.name,
      declaration.exclamationToken,
      declaration.type,
      awaitIfPending(file, temp, original[i]),
    );
    statements.push(factory.createVariableStatement(visited.modifiers, factory.createVariableDeclarationList([entered], ts.NodeFlags.AwaitUsing)));
  });
  ts.setOriginalNode(statements[0], statement);
  ts.setTextRange(statements[0], statement);
  return statements;
}

/**
 * The same for the one declaration a `for (…; …; …)` head may test without a checker:
 *
 *     for (await using db = open(url); db.more(); ) { … }
 *   →
 *     { const db_1 = open(url); for (await using db = asyncInit_1.pending(db_1) ? await asyncInit_1.ready(db_1) : db_1; db.more(); ) { … } }
 *
 * With a checker, the head's typed declarations are awaited in place (visitAwaitUsingList).
 */
export function visitForAwaitUsingHead(file: FileContext, loop: ts.ForStatement, visited: ts.ForStatement): ts.Statement {
  const { ts, factory, plan } = file;
  const list = loop.initializer as ts.VariableDeclarationList;
  const head = visitAwaitUsingList(file, list, visited.initializer as ts.VariableDeclarationList);
  const first = head.declarations[0];
  if (plan.awaitUsings.get(list.declarations[0]) !== "runtime" || !first?.initializer || !ts.isIdentifier(first.name)) {
    return head === visited.initializer ? visited : factory.updateForStatement(visited, head, visited.condition, visited.incrementor, visited.statement);
  }
  const temp = factory.createUniqueName(first.name.text);
  const before = factory.createVariableStatement(
    undefined,
    factory.createVariableDeclarationList([factory.createVariableDeclaration(temp, undefined, undefined, first.initializer)], ts.NodeFlags.Const),
  );
  const entered = factory.updateVariableDeclaration(first, first.name, first.exclamationToken, first.type, awaitIfPending(file, temp, list.declarations[0]));
  const newHead = factory.updateVariableDeclarationList(head, [entered, ...head.declarations.slice(1)]);
  const block = factory.createBlock([before, factory.updateForStatement(visited, newHead, visited.condition, visited.incrementor, visited.statement)], true);
  loopHeadBlocks.add(block);
  return block;
}

/** The blocks made by visitForAwaitUsingHead: a label on the loop must stay on the loop. */
const loopHeadBlocks = new WeakSet<ts.Node>();

/**
 * A labelled loop whose head got a block keeps its label on the loop, so that
 * `continue outer` inside it stays legal:
 *
 *     outer: { const db_1 = open(url); for (…) … }   →   { const db_1 = open(url); outer: for (…) … }
 */
export function visitLabeledLoopHead(file: FileContext, visited: ts.LabeledStatement): ts.Statement {
  const { factory } = file;
  if (!loopHeadBlocks.has(visited.statement)) return visited;
  const block = visited.statement as ts.Block;
  const loop = block.statements[block.statements.length - 1];
  const lifted = factory.createBlock([...block.statements.slice(0, -1), factory.updateLabeledStatement(visited, visited.label, loop)], true);
  loopHeadBlocks.add(lifted);
  return lifted;
}

/**
 * Awaits each element of a `for (await using …)` loop over `@asyncInit` instances:
 * with a checker, every element ("typed"); without one, each element that is a
 * tagged instance not ready yet ("runtime").
 *
 *     for (await using db of dbs) { use(db); }
 *   →
 *     for (const db_1 of dbs) { await using db = await asyncInit_1.ready(db_1); { use(db); } }
 *     for (const db_1 of dbs) { await using db = asyncInit_1.pending(db_1) ? await asyncInit_1.ready(db_1) : db_1; { use(db); } }
 *
 * The loop body stays a block of its own, so its declarations keep their scope.
 */
export function visitForAwaitUsing(file: FileContext, loop: ts.ForOfStatement, visited: ts.ForOfStatement): ts.ForOfStatement {
  const { ts, factory } = file;
  const mode = file.plan.loops.get(loop);
  const declaration = (loop.initializer as ts.VariableDeclarationList).declarations[0];
  if (!mode || !ts.isIdentifier(declaration.name)) return visited;
  const element = factory.createUniqueName(declaration.name.text);
  const head = factory.createVariableDeclarationList([factory.createVariableDeclaration(element)], ts.NodeFlags.Const);
  const value = mode === "typed" ? awaitReady(file, element, loop) : awaitIfPending(file, element, loop);
  const enter = factory.createVariableStatement(
    undefined,
    factory.createVariableDeclarationList([factory.createVariableDeclaration(declaration.name, undefined, declaration.type, value)], ts.NodeFlags.AwaitUsing),
  );
  const body = factory.createBlock([enter, visited.statement], true);
  return factory.updateForOfStatement(visited, visited.awaitModifier, head, visited.expression, body);
}

/**
 * Whether a declaration can be tested before it is declared: it names one variable and has a value.
 * TypeScript refuses the others (`await using { a } = x`: TS1492; `await using a = x, b`: TS1155),
 * and the analysis leaves them out of the plan; they stay as written.
 */
function isNamedAndInitialized(ts: typeof import("typescript"), declaration: ts.VariableDeclaration): boolean {
  return ts.isIdentifier(declaration.name) && declaration.initializer !== undefined;
}

/** `asyncInit_1.pending(value) ? await asyncInit_1.ready(value) : value` */
function awaitIfPending(file: FileContext, value: ts.Identifier, site: ts.VariableDeclaration | ts.ForOfStatement): ts.Expression {
  const { factory } = file;
  const pending = factory.createCallExpression(factory.createPropertyAccessExpression(file.plumbing("await"), "pending"), undefined, [value]);
  return factory.createConditionalExpression(
    pending,
    factory.createToken(file.ts.SyntaxKind.QuestionToken),
    awaitReady(file, value, site),
    factory.createToken(file.ts.SyntaxKind.ColonToken),
    value,
  );
}
