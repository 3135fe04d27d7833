import type * as ts from "typescript";
import type { AsyncFunction, AsyncFunctionPlan, AwaitMode } from "./plan";
import { hasModifier, skipParentheses } from "./syntax";
import { findDescendant, forEachDescendant } from "./walk";

/** The `await using` declarators and loops the plan awaits on entry (see FilePlan). */
interface AwaitSites {
  awaitUsings: ReadonlyMap<ts.VariableDeclaration, AwaitMode>;
  loops: ReadonlyMap<ts.ForOfStatement, AwaitMode>;
}

/**
 * The async functions of a tagged class whose awaits carry the init or teardown
 * they are called from (see AsyncFunctionPlan), found in every member of the
 * class, not inside a nested class:
 *
 *     class Db {
 *         async init() { await open(); }                      → init: awaits [await open()]
 *         async connect() { await open(); return this; }      → connect: awaits [await open()], returns [return this]
 *         async run() { const f = async () => await g(); }    → the arrow: awaits [await g()]; run: none, left out
 *         async close() { await using log = openLog(); }      → close: entries [log = openLog()]
 *     }
 */
export function planAsyncFunctions(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration, sites: AwaitSites): AsyncFunctionPlan[] {
  const found: AsyncFunctionPlan[] = [];
  const visit = (child: ts.Node): boolean => {
    if (ts.isClassLike(child)) return false;
    if (isAsyncFunction(ts, child)) {
      const plan = planAsyncFunction(ts, child, sites);
      if (plan.awaits.length || plan.entries.length) found.push(plan);
    }
    return true;
  };
  for (const member of node.members) forEachDescendant(ts, member, visit);
  return found;
}

/** A method, function or arrow that is async, has a body, and is not a generator. */
export function isAsyncFunction(ts: typeof import("typescript"), node: ts.Node): node is AsyncFunction {
  return (
    (ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) &&
    node.body !== undefined &&
    !(node as { asteriskToken?: ts.AsteriskToken }).asteriskToken &&
    hasModifier(ts, node, ts.SyntaxKind.AsyncKeyword)
  );
}

/**
 * The function's own awaits (not those of a nested function or class) whose
 * operand does not await or yield itself, its returns whose value does not either,
 * the values it returns after an await of their own, and its own `await using` sites.
 */
function planAsyncFunction(ts: typeof import("typescript"), fn: AsyncFunction, sites: AwaitSites): AsyncFunctionPlan {
  const awaits: ts.AwaitExpression[] = [];
  const returns: ts.ReturnStatement[] = [];
  const lateValues: ts.Expression[] = [];
  const entries: (ts.VariableDeclaration | ts.ForOfStatement)[] = [];
  const returned = (value: ts.Expression): void => {
    if (isLateValue(ts, value)) lateValues.push(value);
  };
  const visit = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false; // their awaits are their own
    if (ts.isAwaitExpression(node) && !awaitsInside(ts, node.expression)) awaits.push(node);
    else if (ts.isReturnStatement(node) && node.expression && !awaitsInside(ts, node.expression)) returns.push(node);
    else if (ts.isReturnStatement(node) && node.expression) returned(node.expression);
    else if (ts.isVariableDeclaration(node) && sites.awaitUsings.has(node)) entries.push(node);
    else if (ts.isForOfStatement(node) && sites.loops.has(node)) entries.push(node);
    return true;
  };
  const body = fn.body!;
  // async () => (await open(), this): the body is the value it returns.
  if (!ts.isBlock(body)) returned(body);
  forEachDescendant(ts, body, visit);
  return { node: fn, awaits, returns, lateValues, entries };
}

/** A returned value that awaits, and is not itself an await (`await x` yields no instance still waiting for its init). */
function isLateValue(ts: typeof import("typescript"), value: ts.Expression): boolean {
  return awaitsInside(ts, value) && !ts.isAwaitExpression(skipParentheses(ts, value));
}

/** Whether an expression awaits or yields, other than in a function of its own. */
function awaitsInside(ts: typeof import("typescript"), node: ts.Node): boolean {
  const awaits = (child: ts.Node) =>
    ts.isAwaitExpression(child) || ts.isYieldExpression(child) || (ts.isFunctionLike(child) || ts.isClassLike(child) ? "skip" : false);
  return findDescendant(ts, node, awaits) !== undefined;
}
