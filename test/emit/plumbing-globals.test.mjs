// The plumbing's JavaScript text, as the AST back end inserts it:
// - it names no global but those in PLUMBING_GLOBALS: a module that hides one of those
//   gets the real one from the global object (test/exec/semantics/shadowed-globals hides
//   each), so a global the list forgets would go unprotected. Read from the text
//   itself: every identifier it uses that it does not declare.
// - it is in the subset of JavaScript that every target from ES2015 up emits
//   unchanged, so that TypeScript never lowers it or adds a helper for it.

import { createRequire } from "node:module";
import test from "ava";
import { ts } from "../support/project.mjs";

const require = createRequire(import.meta.url);
const {
  PLUMBING_SOURCE,
  AWAIT_ONLY_SOURCE,
  PLUMBING_JS,
  AWAIT_ONLY_JS,
  PLUMBING_GLOBALS,
  withGlobalsFromGlobalObject,
} = require("../../dist/plumbing/index.js");

/** The identifiers a piece of JavaScript uses without declaring them. */
function freeNames(text) {
  const file = ts.createSourceFile("plumbing.js", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const declared = new Set();
  const used = new Set();
  const visit = (node) => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isGetAccessor(parent)) && parent.name === node);
      const isDeclaration =
        (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent)) &&
        parent.name === node;
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
  t.true(
    freeNames(AWAIT_ONLY_SOURCE).every((name) => PLUMBING_GLOBALS.includes(name)),
    freeNames(AWAIT_ONLY_SOURCE).join(),
  );
  t.false(/\bundefined\b/.test(PLUMBING_SOURCE.replace(/\/\*[\s\S]*?\*\//g, "")), "no undefined outside comments");
});

test("with hidden globals, the plumbing declares them first and then uses no other free name", (t) => {
  const text = withGlobalsFromGlobalObject(PLUMBING_SOURCE, ["Promise", "globalThis"]);
  t.true(text.startsWith("\n(() => {\n    /* This module has its own Promise, globalThis:"), text.slice(0, 200));
  t.deepEqual(freeNames(text), ["Object", "ReferenceError", "Symbol", "TypeError", "WeakMap"]);
  t.is(withGlobalsFromGlobalObject(PLUMBING_SOURCE, []), PLUMBING_SOURCE);
});

test("the names the AST back end uses today are the JavaScript text", (t) => {
  t.is(PLUMBING_SOURCE, PLUMBING_JS);
  t.is(AWAIT_ONLY_SOURCE, AWAIT_ONLY_JS);
});

/** Every target from ES2015 to ESNext that this TypeScript knows. */
const TARGETS = Object.keys(ts.ScriptTarget).filter((name) => /^ES(20\d\d|Next)$/.test(name));

// The text is TypeScript's own printing of the stripped source (scripts/build-plumbing.mjs),
// so printing it again at a target that lowers nothing in it gives it back byte for byte:
// no whitespace to normalise.
for (const [name, text] of [
  ["PLUMBING_JS", PLUMBING_JS],
  ["AWAIT_ONLY_JS", AWAIT_ONLY_JS],
]) {
  test(`${name} comes back unchanged from transpileModule at every target from ES2015 to ESNext`, (t) => {
    t.true(TARGETS.includes("ES2015") && TARGETS.includes("ESNext"), TARGETS.join());
    const statement = `${text.trim()};\n`;
    for (const target of TARGETS) {
      const { outputText } = ts.transpileModule(statement, { compilerOptions: { target: ts.ScriptTarget[target], module: ts.ModuleKind.ESNext } });
      t.is(outputText, statement, target);
    }
  });
}
