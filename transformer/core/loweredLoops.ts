import type * as ts from "typescript";
import { isAwaitUsing } from "./syntax";
import { forEachDescendant } from "./walk";

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

/** Inside the body of a loop, through a `try` block with a `catch`, in the same function. */
function inCatchingLoop(ts: typeof import("typescript"), node: ts.Node): boolean {
  let caught = false;
  for (let child = node, parent = node.parent; parent !== undefined; child = parent, parent = parent.parent) {
    if (ts.isFunctionLike(parent) || ts.isClassStaticBlockDeclaration(parent)) return false;
    if (ts.isTryStatement(parent) && child === parent.tryBlock && parent.catchClause !== undefined) caught = true;
    if (caught && ts.isIterationStatement(parent, false) && child === parent.statement) return true;
  }
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
