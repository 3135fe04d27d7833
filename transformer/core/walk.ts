import type * as ts from "typescript";

/**
 * Visits `root` and every node under it in source order, as a recursive `ts.forEachChild`
 * walk does, but with a stack of its own: a file whose tree is very deep (a chain of
 * thousands of `+`, as generated code may have) does not overflow the call stack, as
 * TypeScript's own parser and emit do not. `visit` returns false to skip a node's children.
 */
export function forEachDescendant(ts: typeof import("typescript"), root: ts.Node, visit: (node: ts.Node) => unknown): void {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const first = stack.length;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
    // Pushed first to last: reversed, so that the first child is visited next.
    for (let i = first, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]];
  }
}
