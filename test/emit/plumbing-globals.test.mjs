// The plumbing names no global but those in PLUMBING_GLOBALS: a module that hides one
// of those gets the real one from the global object (test/exec/semantics/shadowed-globals
// hides each), so a global the list forgets would go unprotected. Read from the
// template's own text: every identifier it uses that it does not declare.
import test from "ava";
import { createRequire } from "node:module";
import { ts } from "../support/project.mjs";

const require = createRequire(import.meta.url);
const { PLUMBING_SOURCE, AWAIT_ONLY_SOURCE, PLUMBING_GLOBALS, withGlobalsFromGlobalObject } = require("../../dist/runtime/plumbing.js");

/** The identifiers a piece of JavaScript uses without declaring them. */
function freeNames(text) {
  const file = ts.createSourceFile("plumbing.js", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const declared = new Set();
  const used = new Set();
  const visit = (node) => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isGetAccessor(parent)) && parent.name === node);
      const isDeclaration = (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent)) && parent.name === node;
      if (isDeclaration) declared.add(node.text);
      else if (!isName) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...used].filter((name) => !declared.has(name)).sort();
}

test("the plumbing uses exactly the globals PLUMBING_GLOBALS lists, and undefined is void 0", (t) => {
  t.deepEqual(freeNames(PLUMBING_SOURCE), [...PLUMBING_GLOBALS].sort());
  t.true(freeNames(AWAIT_ONLY_SOURCE).every((name) => PLUMBING_GLOBALS.includes(name)), freeNames(AWAIT_ONLY_SOURCE).join());
  t.false(/\bundefined\b/.test(PLUMBING_SOURCE.replace(/\/\*[\s\S]*?\*\//g, "")), "no undefined outside comments");
});

test("with hidden globals, the plumbing declares them first and then uses no other free name", (t) => {
  const text = withGlobalsFromGlobalObject(PLUMBING_SOURCE, ["Promise", "globalThis"]);
  t.true(text.startsWith("\n(() => {\n    /* This module has its own Promise, globalThis:"), text.slice(0, 200));
  t.deepEqual(freeNames(text), ["Object", "ReferenceError", "Symbol", "TypeError", "WeakMap", "AbortController"].sort());
  t.is(withGlobalsFromGlobalObject(PLUMBING_SOURCE, []), PLUMBING_SOURCE);
});
