import type * as ts from "typescript";

/**
 * Visits `root` and every node under it in source order, as a recursive `ts.forEachChild`
 * walk does, but with a stack of its own: a file whose tree is very deep (a chain of
 * thousands of `+`, as generated code may have) does not overflow the call stack, as
 * TypeScript's own parser and emit do not. `visit` returns false to skip a node's children,
 * "stop" to end the walk.
 */
export function forEachDescendant(ts: typeof import("typescript"), root: ts.Node, visit: (node: ts.Node) => unknown): void {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const result = visit(node);
    if (result === "stop") return;
    if (result === false) continue;
    const first = stack.length;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
    // Pushed first to last: reversed, so that the first child is visited next.
    for (let i = first, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]];
  }
}

/**
 * The first node under `root` (or `root` itself), in source order, that `test` returns true
 * for; "skip" leaves a node's children out. With a stack of its own, as forEachDescendant:
 *
 *     findDescendant(ts, body, (node) => (ts.isFunctionLike(node) ? "skip" : ts.isReturnStatement(node)))
 */
export function findDescendant(ts: typeof import("typescript"), root: ts.Node, test: (node: ts.Node) => boolean | "skip"): ts.Node | undefined {
  let found: ts.Node | undefined;
  forEachDescendant(ts, root, (node) => {
    const result = test(node);
    if (result !== true) return result !== "skip";
    found = node;
    return "stop";
  });
  return found;
}

/**
 * The nodes whose range (leading trivia included) holds `position`, from `root` in: each
 * list of children is searched by halves, so a position in a block of 10,000 statements
 * costs a few steps, and the path has no recursion however deep the tree.
 */
export function nodesAt(ts: typeof import("typescript"), root: ts.Node, position: number): ts.Node[] {
  const holds = (node: ts.Node) => node.pos <= position && position < node.end;
  const path: ts.Node[] = [];
  for (let node: ts.Node | undefined = root; node && holds(node); ) {
    path.push(node);
    node = ts.forEachChild(
      node,
      (child) => (holds(child) ? child : undefined),
      (children) => childHolding(children, position),
    );
  }
  return path;
}

/** The node of a list (in source order, none overlapping) whose range holds `position`: the first that ends after it. */
function childHolding(children: ts.NodeArray<ts.Node>, position: number): ts.Node | undefined {
  const child = children[firstNotBefore(children, (c) => c.end <= position)];
  return child && child.pos <= position ? child : undefined;
}

/**
 * The index of the first item of a sorted list that `isBefore` is false for (its length if
 * none), found by halves: every item before it is "before", every item from it on is not.
 */
export function firstNotBefore<T>(items: ArrayLike<T>, isBefore: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isBefore(items[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}
