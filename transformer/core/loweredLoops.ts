import type * as ts from "typescript";
import { isAwaitUsing } from "./syntax";
import { findDescendant, forEachDescendant } from "./walk";

/**
 * The `await using` declarations that esbuild (0.28) and Bun (1.4) lower wrongly: in a
 * loop whose body catches what the declaration's block throws. Their lowering keeps the
 * caught error in `var`s that the next pass does not reset, so every later pass throws it
 * again when its block ends:
 *
 *     for (const url of urls) {
 *       try {
 *         await using db = new Db(url);    ← found: a pass after one whose init rejected fails too
 *       } catch { … }
 *     }
 *
 * A function between the declaration and the loop gives each pass its own `var`s; a `try`
 * outside the loop ends the loop at the first error: neither is found.
 */
export function awaitUsingsInCatchingLoops(ts: typeof import("typescript"), file: ts.SourceFile): ts.VariableDeclarationList[] {
  const found: ts.VariableDeclarationList[] = [];
  forEachDescendant(ts, file, (node) => {
    if (isAwaitUsing(ts, node) && inCatchingLoop(ts, node)) found.push(node);
  });
  return found;
}

/**
 * Inside the body of a loop, through a `try` block that catches what it throws (a `catch`,
 * or a `finally` that jumps to the next pass, which discards the error), in the same function:
 *
 *     for (const url of urls) {
 *       try { await using db = new Db(url); } finally { if (skip) continue; }
 *     }
 */
function inCatchingLoop(ts: typeof import("typescript"), node: ts.Node): boolean {
  let caught = false;
  for (let child = node, parent = node.parent; parent !== undefined; child = parent, parent = parent.parent) {
    if (ts.isFunctionLike(parent) || ts.isClassStaticBlockDeclaration(parent)) return false;
    if (ts.isTryStatement(parent) && child === parent.tryBlock && (parent.catchClause !== undefined || jumpsOut(ts, parent.finallyBlock))) caught = true;
    if (caught && ts.isIterationStatement(parent, false) && child === parent.statement) return true;
  }
  return false;
}

/**
 * A `finally` block that jumps out of itself to go on with the loop: a `continue` of a loop
 * around it, or a `break` or `continue` to a label outside it (a block of the loop's body,
 * the loop itself). Not in a function of its own; not a jump to a loop or label inside it.
 */
function jumpsOut(ts: typeof import("typescript"), block: ts.Block | undefined): boolean {
  if (block === undefined) return false;
  const found = findDescendant(ts, block, (node) => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return "skip";
    if (!ts.isContinueStatement(node) && !ts.isBreakStatement(node)) return false;
    if (node.label) return !labelledWithin(ts, node, node.label.text, block);
    return ts.isContinueStatement(node) && !loopWithin(ts, node, block);
  });
  return found !== undefined;
}

/** Whether a loop between `node` and `block` holds it (its `continue` is that loop's). */
function loopWithin(ts: typeof import("typescript"), node: ts.Node, block: ts.Block): boolean {
  for (let parent = node.parent; parent !== block; parent = parent.parent) if (ts.isIterationStatement(parent, false)) return true;
  return false;
}

/** Whether the statement labelled `label` that `node` jumps to is between it and `block`. */
function labelledWithin(ts: typeof import("typescript"), node: ts.Node, label: string, block: ts.Block): boolean {
  for (let parent = node.parent; parent !== block; parent = parent.parent) if (ts.isLabeledStatement(parent) && parent.label.text === label) return true;
  return false;
}

/** The tools that lower `await using` but leave one in a `for (…; …; …)` head as it is (Bun 1.4's Bun.build). */
const LEAVE_FOR_HEADS = new Set(["Bun"]);

/**
 * The `await using` declarations of `for (…; …; …)` heads, where the tool that lowers the
 * others leaves them as written: its output then runs only where `await using` is
 * JavaScript (Node.js 24), and an older runtime's SyntaxError quotes the rewritten line:
 *
 *     for (await using db = open(); db.more; ) { … }   ← found, for Bun.build with target "node"
 */
export function awaitUsingsLeftInForHeads(ts: typeof import("typescript"), file: ts.SourceFile, loweredBy: string): ts.VariableDeclarationList[] {
  if (!LEAVE_FOR_HEADS.has(loweredBy)) return [];
  const found: ts.VariableDeclarationList[] = [];
  forEachDescendant(ts, file, (node) => {
    if (isAwaitUsing(ts, node) && ts.isForStatement(node.parent) && node.parent.initializer === node) found.push(node);
  });
  return found;
}
