import type * as ts from "typescript";
import type { FileContext } from "../context";
import { hasModifier, isDirective } from "../../../core/syntax";

/**
 * Lets each async function of an `@asyncInit` class (its methods, init and the
 * teardown among them, and the async arrows and functions inside them) carry the
 * init it was called from into its later awaits. An instance awaited there, whose
 * init waits for that one, then rejects instead of waiting forever (see `context`
 * and `inside` in the plumbing).
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
 * The part of a function before its first await runs while its caller does, so a
 * function without an await of its own is left as it is. So are generators, and
 * nested classes (a tagged one gets its own rewrite). An operand that awaits
 * itself stays as it is; the awaits inside it are rewritten.
 */
export function visitAsyncFunctions<T extends ts.Node>(file: FileContext, member: T): T {
  const { ts, context } = file;
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isClassLike(node)) return node;
    const visited = ts.visitEachChild(node, visit, context);
    return isAsyncFunction(ts, visited) ? carryContext(file, visited) : visited;
  };
  return visit(member) as T;
}

type AsyncFunction = ts.MethodDeclaration | ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

function isAsyncFunction(ts: typeof import("typescript"), node: ts.Node): node is AsyncFunction {
  return (
    (ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) &&
    node.body !== undefined &&
    !(node as { asteriskToken?: ts.AsteriskToken }).asteriskToken &&
    hasModifier(ts, node, ts.SyntaxKind.AsyncKeyword)
  );
}

/** The function with its own awaits run inside the context it was called in. */
function carryContext(file: FileContext, fn: AsyncFunction): AsyncFunction {
  const { ts, factory, context } = file;
  const name = file.awaitContext();
  let wrapped = false;
  const wrap = (node: ts.Node): ts.Node => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return node; // their awaits are their own
    const visited = ts.visitEachChild(node, wrap, context);
    if (!ts.isAwaitExpression(visited) || awaitsInside(ts, visited.expression)) return visited;
    wrapped = true;
    const operand = factory.createArrowFunction(undefined, undefined, [], undefined, factory.createToken(ts.SyntaxKind.EqualsGreaterThanToken), visited.expression);
    return factory.updateAwaitExpression(visited, factory.createCallExpression(factory.createPropertyAccessExpression(file.plumbing(), "inside"), undefined, [name, operand]));
  };

  const capture = factory.createVariableStatement(
    undefined,
    factory.createVariableDeclarationList(
      [factory.createVariableDeclaration(name, undefined, undefined, factory.createCallExpression(factory.createPropertyAccessExpression(file.plumbing(), "context"), undefined, []))],
      ts.NodeFlags.Const,
    ),
  );
  ts.addSyntheticLeadingComment(capture, ts.SyntaxKind.SingleLineCommentTrivia, " ts-async-init: the init or teardown this call is part of, if any", true);

  const body = fn.body!;
  let newBody: ts.Block;
  if (ts.isBlock(body)) {
    const statements = ts.visitNodes(body.statements, wrap, ts.isStatement);
    if (!wrapped) return fn;
    let at = 0;
    while (at < statements.length && isDirective(ts, statements[at])) at++;
    // On lines of their own, even when the function was written on one line.
    newBody = ts.setOriginalNode(ts.setTextRange(factory.createBlock([...statements.slice(0, at), capture, ...statements.slice(at)], true), body), body);
  } else {
    // async () => await x   →   async () => { const asyncInitContext_1 = …; return await asyncInit_1.inside(…); }
    const expression = wrap(body) as ts.Expression;
    if (!wrapped) return fn;
    newBody = factory.createBlock([capture, factory.createReturnStatement(expression)], true);
  }
  return updateBody(ts, factory, fn, newBody);
}

/** Whether an expression awaits or yields, other than in a function of its own. */
function awaitsInside(ts: typeof import("typescript"), node: ts.Node): boolean {
  if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, (child) => awaitsInside(ts, child) || undefined) === true;
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
