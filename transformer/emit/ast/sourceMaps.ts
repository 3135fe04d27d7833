import type * as ts from "typescript";

/**
 * Gives each line of generated code a place in the source map: every statement, class
 * member and object literal member that this transformer made (a node with no text
 * position of its own), down to the nodes it kept from the user's code, maps to `at`, the
 * code it serves. Without a mapping of its own a line maps, for Node's
 * `--enable-source-maps`, to the last mapping before it; tools that look a frame up on its
 * own line alone (source-map-support, under ts-node and Jest) print its line of the
 * JavaScript with the name of the `.ts` file, a line the file may not have:
 *
 *     get then() {                                  before: at get then (src/db.ts:455:28), in a file of 23 lines
 *         return asyncInit_1.then(this, "init");    after:  at get then (src/db.ts:2:1), the class
 *     }
 *
 * Each gets a mapping at its start only (no end: `end` is -1), one per line.
 */
export function mapGeneratedLines(ts: typeof import("typescript"), node: ts.Node, at: number): void {
  const range: ts.SourceMapRange = { pos: at, end: -1 };
  const visit = (child: ts.Node): void => {
    if (child.pos >= 0) return; // the user's own code, with its own mappings
    if (ts.isStatement(child) || ts.isClassElement(child) || ts.isObjectLiteralElement(child)) ts.setSourceMapRange(child, range);
    ts.forEachChild(child, visit);
  };
  visit(node);
}
