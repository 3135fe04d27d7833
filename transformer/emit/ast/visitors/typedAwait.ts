import type * as ts from "typescript";
import type { FileContext } from "../context";

/**
 * Where the compiler knows the awaited value is an `@asyncInit` instance, awaits
 * it through the plumbing rather than through its `then`: the same outcome,
 * in fewer microtask turns.
 *
 *     const db = await new Db(url);   →   const db = await asyncInit_1.ready(new Db(url));
 *
 * `node` is the original node (the plan lists it); `visited` is the same
 * node after its children were visited.
 */
export function visitTypedAwait(file: FileContext, node: ts.AwaitExpression, visited: ts.AwaitExpression): ts.AwaitExpression {
  if (!file.plan.typedAwaits.has(node)) return visited;
  return file.factory.updateAwaitExpression(visited, readyCall(file, visited.expression));
}

/** `await asyncInit_1.ready(value)`, for the `await using` site whose value it awaits (see FileContext.noteEntry). */
export function awaitReady(file: FileContext, value: ts.Expression, site: ts.VariableDeclaration | ts.ForOfStatement): ts.AwaitExpression {
  const node = file.factory.createAwaitExpression(readyCall(file, value));
  file.noteEntry(node, site);
  return node;
}

function readyCall(file: FileContext, value: ts.Expression): ts.Expression {
  const { factory } = file;
  return factory.createCallExpression(factory.createPropertyAccessExpression(file.plumbing("await"), "ready"), undefined, [value]);
}
