import type * as ts from "typescript";
import { isAsyncFunction } from "../../../core/asyncFunctions";
import type { AsyncFunction, AsyncFunctionPlan, ClassPlan } from "../../../core/plan";
import { countLeadingDirectives } from "../../../core/syntax";
import { CONTEXT_COMMENT } from "../../comments";
import type { FileContext } from "../context";

/**
 * Lets each async function of an `@asyncInit` class that the plan lists (see
 * AsyncFunctionPlan: its methods, init and the teardown among them, and the async
 * arrows and functions inside them) carry the init it was called from into its
 * later awaits. An instance awaited there, whose init waits for that one, then
 * rejects instead of waiting forever (see `context` and `inside` in the plumbing).
 *
 * Given:
 *
 *     async connect() {
 *         this.pool = await open(this.url);
 *         await this.migrate();
 *     }
 *
 * Produces:
 *
 *     async connect() {
 *         // ts-async-init: the init or teardown this call is part of, if any
 *         const asyncInitContext_1 = asyncInit_1.context();
 *         this.pool = await asyncInit_1.inside(asyncInitContext_1, () => open(this.url));
 *         await asyncInit_1.inside(asyncInitContext_1, () => this.migrate());
 *     }
 *
 * and each of its planned returns hands its value over inside the context too
 * (returning x awaits x): `return this;` → `return asyncInit_1.inside(asyncInitContext_1, () => this);`,
 * and a value known only after an await of its own, as a value made before:
 * `return (await open(), this);` → `return asyncInit_1.inside(asyncInitContext_1, ((value) => () => value)((await …, this)));`.
 *
 * The plan decides which functions, awaits and returns (core/asyncFunctions.ts); the
 * awaits the rewrite of an `await using` adds count where the plan lists its site.
 * `member` is a member of the class after its children were visited.
 */
export function visitAsyncFunctions<T extends ts.Node>(file: FileContext, member: T, plan: ClassPlan): T {
  const { ts, context } = file;
  if (plan.asyncFunctions.length === 0) return member;
  const planned = new Map<ts.Node, AsyncFunctionPlan>(plan.asyncFunctions.map((fn) => [fn.node, fn]));
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isClassLike(node)) return node;
    const visited = ts.visitEachChild(node, visit, context);
    const fn = isAsyncFunction(ts, visited) ? planned.get(ts.getOriginalNode(visited)) : undefined;
    return fn ? carryContext(file, visited as AsyncFunction, fn) : visited;
  };
  return visit(member) as T;
}

/** The function with its own awaits run inside the context it was called in. */
function carryContext(file: FileContext, fn: AsyncFunction, plan: AsyncFunctionPlan): AsyncFunction {
  const { ts, factory, context } = file;
  const name = file.awaitContext();
  const awaits = new Set<ts.Node>(plan.awaits);
  const entries = new Set<ts.Node>(plan.entries);
  const returns = new Set<ts.Node>(plan.returns);
  const lateValues = new Set<ts.Node>(plan.lateValues);
  const carries = (node: ts.AwaitExpression) => awaits.has(ts.getOriginalNode(node)) || entries.has(file.entryOf(node) as ts.Node);
  const arrow = (parameters: ts.ParameterDeclaration[], body: ts.ConciseBody) =>
    factory.createArrowFunction(undefined, undefined, parameters, undefined, factory.createToken(ts.SyntaxKind.EqualsGreaterThanToken), body);
  // x   →   asyncInit_1.inside(asyncInitContext_1, () => x)
  const inside = (operand: ts.Expression) =>
    factory.createCallExpression(factory.createPropertyAccessExpression(file.plumbing(), "inside"), undefined, [name, arrow([], operand)]);
  // x   →   asyncInit_1.inside(asyncInitContext_1, ((value) => () => value)(x))
  const insideAsValue = (value: ts.Expression) => {
    const parameter = factory.createIdentifier("value");
    const made = arrow([factory.createParameterDeclaration(undefined, undefined, parameter)], arrow([], parameter));
    return factory.createCallExpression(factory.createPropertyAccessExpression(file.plumbing(), "inside"), undefined, [
      name,
      factory.createCallExpression(factory.createParenthesizedExpression(made), undefined, [value]),
    ]);
  };
  const wrap = (node: ts.Node): ts.Node => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return node; // their awaits are their own
    const visited = ts.visitEachChild(node, wrap, context);
    if (ts.isAwaitExpression(visited) && carries(visited)) return factory.updateAwaitExpression(visited, inside(visited.expression));
    if (ts.isReturnStatement(visited) && visited.expression && returns.has(ts.getOriginalNode(visited))) {
      return factory.updateReturnStatement(visited, inside(visited.expression));
    }
    if (ts.isExpression(visited) && lateValues.has(ts.getOriginalNode(visited))) return insideAsValue(visited);
    return visited;
  };

  const capture = factory.createVariableStatement(
    undefined,
    factory.createVariableDeclarationList(
      [
        factory.createVariableDeclaration(
          name,
          undefined,
          undefined,
          factory.createCallExpression(factory.createPropertyAccessExpression(file.plumbing(), "context"), undefined, []),
        ),
      ],
      ts.NodeFlags.Const,
    ),
  );
  ts.addSyntheticLeadingComment(capture, ts.SyntaxKind.SingleLineCommentTrivia, CONTEXT_COMMENT, true);

  const body = fn.body!;
  let newBody: ts.Block;
  if (ts.isBlock(body)) {
    const statements = ts.visitNodes(body.statements, wrap, ts.isStatement);
    const at = countLeadingDirectives(ts, statements);
    // On lines of their own, even when the function was written on one line.
    newBody = ts.setOriginalNode(ts.setTextRange(factory.createBlock([...statements.slice(0, at), capture, ...statements.slice(at)], true), body), body);
  } else {
    // async () => await x   →   async () => { const asyncInitContext_1 = …; return await asyncInit_1.inside(…); }
    newBody = factory.createBlock([capture, factory.createReturnStatement(wrap(body) as ts.Expression)], true);
  }
  return updateBody(ts, factory, fn, newBody);
}

function updateBody(ts: typeof import("typescript"), factory: ts.NodeFactory, fn: AsyncFunction, body: ts.Block): AsyncFunction {
  if (ts.isMethodDeclaration(fn)) {
    return factory.updateMethodDeclaration(fn, fn.modifiers, fn.asteriskToken, fn.name, fn.questionToken, fn.typeParameters, fn.parameters, fn.type, body);
  }
  if (ts.isFunctionDeclaration(fn)) {
    return factory.updateFunctionDeclaration(fn, fn.modifiers, fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, body);
  }
  if (ts.isFunctionExpression(fn)) {
    return factory.updateFunctionExpression(fn, fn.modifiers, fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, body);
  }
  return factory.updateArrowFunction(fn, fn.modifiers, fn.typeParameters, fn.parameters, fn.type, fn.equalsGreaterThanToken, body);
}
