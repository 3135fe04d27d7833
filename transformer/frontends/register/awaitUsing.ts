/**
 * `await using` where the running Node.js has no such syntax (Node 22; 24 and later have it).
 * Node strips the types and leaves `await using` as it is, so a module that declares one
 * fails to compile there, with or without the rewrite. With it, Node's SyntaxError would
 * quote the rewritten line:
 *
 *     const db_1 = new Db(); await using db = asyncInit_1.pending(db_1) ? … : db_1;
 *                                        ^^
 *     SyntaxError: Unexpected identifier 'db'
 *
 * so the hook says it first, at the declaration as written, with what to use instead:
 *
 *     ts-async-init/register: src/main.ts:4:3 declares 'await using', which Node.js v22.23.3 does not have …
 */

import { compileFunction } from "node:vm";
import type * as ts from "typescript";
import { isAwaitUsing } from "../../core/syntax";
import { AWAIT_USING_TEXT } from "../../core/tag";
import { findDescendant } from "../../core/walk";
import { defaultTypeScript } from "../typescript";

let hasIt: boolean | undefined;

/** Whether this Node.js compiles `await using` (asked once). */
export function hasAwaitUsingSyntax(): boolean {
  if (hasIt === undefined) {
    try {
      compileFunction("return async () => { await using x = null; };");
      hasIt = true;
    } catch {
      hasIt = false;
    }
  }
  return hasIt;
}

/** The first `await using` declaration of a TypeScript source: where it starts (1-based line and column) and what to write in its place. */
export interface AwaitUsingSite {
  line: number;
  column: number;
  /** `const cache = await new Cache()` for `await using cache = new Cache()`; `const db = await …` where the value is long or not one line. */
  insteadOf: string;
  /** `await cache[Symbol.asyncDispose]()`. */
  teardown: string;
}

/** The first `await using` declaration of a TypeScript source, if it has one. */
export function firstAwaitUsing(source: string, path: string): AwaitUsingSite | undefined {
  // A file with a tagged class and no `await using` in its text (most of them) is not parsed: on a cache hit, TypeScript is not loaded.
  if (!AWAIT_USING_TEXT.test(source)) return undefined;
  const ts = defaultTypeScript();
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
  const found = findDescendant(ts, file, (node) => isAwaitUsing(ts, node)) as ts.VariableDeclarationList | undefined;
  if (found === undefined) return undefined;
  const { line, character } = file.getLineAndCharacterOfPosition(found.getStart(file));
  const declaration = found.declarations[0];
  const name = declaration && ts.isIdentifier(declaration.name) ? declaration.name.text : "x";
  return {
    line: line + 1,
    column: character + 1,
    insteadOf: insteadOf(ts, found, name, file),
    teardown: `await ${name}[Symbol.asyncDispose]()`,
  };
}

/**
 * What to write in place of the declaration:
 *
 *     await using cache = new Cache()        → const cache = await new Cache()
 *     await using db = await open()          → const db = await open()        (the explicit form awaits already)
 *     for (await using c of pool.clients())  → for (const item of pool.clients()) { const c = await item; … }
 *     for await (await using c of stream())  → for await (const item of stream()) { const c = await item; … }
 */
function insteadOf(ts: typeof import("typescript"), list: ts.VariableDeclarationList, name: string, file: ts.SourceFile): string {
  const loop = list.parent;
  if (ts.isForOfStatement(loop) && loop.initializer === list) {
    const iterated = loop.expression.getText(file);
    // A name that neither the declaration nor the loop's expression uses.
    const item = ["item", "each", "value"].find((candidate) => candidate !== name && !new RegExp(`\\b${candidate}\\b`).test(iterated)) ?? `${name}Item`;
    return `for ${loop.awaitModifier ? "await " : ""}(const ${item} of ${shortText(iterated)}) { const ${name} = await ${item}; … }`;
  }
  const value = list.declarations[0]?.initializer;
  const awaited = value !== undefined && ts.isAwaitExpression(value);
  return `const ${name} = ${awaited ? "" : "await "}${shortText(value?.getText(file))}`;
}

/** `new Cache()` as written when it is one short line, else `…`. */
function shortText(text: string | undefined): string {
  return text !== undefined && text.length <= 40 && !/[\r\n]/.test(text) ? text : "…";
}
