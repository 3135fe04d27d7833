import type * as ts from "typescript";
import type { FileContext } from "../context";
import { skipParentheses } from "../syntax";
import { awaitReady } from "./typedAwait";

/** Tells whether an expression's value is an instance of an `@asyncInit` class (or may be). */
export type IsTaggedInstance = (expression: ts.Node) => boolean;

/** `await using` (not plain `using`). */
export function isAwaitUsing(ts: typeof import("typescript"), list: ts.Node | undefined): list is ts.VariableDeclarationList {
  return list !== undefined && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing;
}

/**
 * Awaits each initializer of an `await using` whose value is an `@asyncInit` instance.
 *
 *     await using db = new Db(url), log = openLog();
 *   →
 *     await using db = await asyncInit_1.ready(new Db(url)), log = openLog();
 *
 * `list` is the original node (the checker knows it); `visited` is the same
 * list after its children were visited.
 */
export function visitAwaitUsingList(
  file: FileContext,
  list: ts.VariableDeclarationList,
  visited: ts.VariableDeclarationList,
  isTaggedInstance: IsTaggedInstance,
): ts.VariableDeclarationList {
  const { ts, factory } = file;
  let changed = false;
  const declarations = visited.declarations.map((declaration, i) => {
    const original = list.declarations[i];
    const init = declaration.initializer;
    if (!init || !original.initializer || ts.isAwaitExpression(skipParentheses(ts, original.initializer))) return declaration;
    if (!isTaggedInstance(original.initializer)) return declaration;
    changed = true;
    return factory.updateVariableDeclaration(declaration, declaration.name, declaration.exclamationToken, declaration.type, awaitReady(file, init));
  });
  return changed ? factory.updateVariableDeclarationList(visited, declarations) : visited;
}

/**
 * Awaits each element of a `for (await using …)` loop over `@asyncInit` instances.
 *
 *     for (await using db of dbs) { use(db); }
 *   →
 *     for (const db_1 of dbs) { await using db = await asyncInit_1.ready(db_1); { use(db); } }
 *
 * The loop body stays a block of its own, so its declarations keep their scope.
 */
export function visitForAwaitUsing(
  file: FileContext,
  loop: ts.ForOfStatement,
  visited: ts.ForOfStatement,
  isTaggedInstance: IsTaggedInstance,
): ts.ForOfStatement {
  const { ts, factory } = file;
  const list = loop.initializer as ts.VariableDeclarationList;
  const declaration = list.declarations[0];
  if (!declaration || !ts.isIdentifier(declaration.name) || !isTaggedInstance(declaration.name)) return visited;
  const element = factory.createUniqueName(declaration.name.text);
  const head = factory.createVariableDeclarationList([factory.createVariableDeclaration(element)], ts.NodeFlags.Const);
  const enter = factory.createVariableStatement(
    undefined,
    factory.createVariableDeclarationList(
      [factory.createVariableDeclaration(declaration.name, undefined, declaration.type, awaitReady(file, element))],
      ts.NodeFlags.AwaitUsing,
    ),
  );
  const body = factory.createBlock([enter, visited.statement], true);
  return factory.updateForOfStatement(visited, visited.awaitModifier, head, visited.expression, body);
}
