// The real-world corpus: TypeScript sources that packages on the registry ship
// (dev dependencies, pinned in package.json), and a way to tag classes in them.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT, ts, tsAsyncInit } from "../../support/project.mjs";

/** Each package's TypeScript source folder, as it is published. */
export const PACKAGES = [
  { name: "rxjs", src: "node_modules/rxjs/src" },
  { name: "effect", src: "node_modules/effect/src" },
  { name: "zod", src: "node_modules/zod/src" },
  { name: "@trpc/server", src: "node_modules/@trpc/server/src" },
  { name: "mobx", src: "node_modules/mobx/src" },
  { name: "@tanstack/query-core", src: "node_modules/@tanstack/query-core/src" },
  { name: "immer", src: "node_modules/immer/src" },
];

const isSource = (file) => /\.(m|c)?tsx?$/.test(file) && !/\.d\.(m|c)?tsx?$/.test(file);

/** The package's source files: `{ package, root, path (relative to root), text }`, sorted by path. */
export function sourceFiles(pkg) {
  const root = join(ROOT, pkg.src);
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter(isSource)
    .sort()
    .map((path) => ({ package: pkg.name, root, path, text: readFileSync(join(root, path), "utf8") }));
}

/** Compiler options for one-file compilation: the same for the plain and the plugin run. */
export const TRANSPILE_OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  jsx: ts.JsxEmit.React,
  sourceMap: false,
  importHelpers: false,
};

/**
 * Compiles one file on its own (like a bundler's per-file TypeScript step), with
 * the transformer (no program: it only knows what the file itself says) or without.
 * Returns the output text and this plugin's diagnostics.
 */
export function transpile(fileName, text, { plugin = true, compilerOptions = TRANSPILE_OPTIONS } = {}) {
  const diagnostics = [];
  const before = plugin ? [tsAsyncInit(undefined, {}, { ts, addDiagnostic: (d) => diagnostics.push(d) })] : [];
  const output = ts.transpileModule(text, { compilerOptions, fileName, transformers: { before }, reportDiagnostics: false });
  return { text: output.outputText, diagnostics };
}

/** Where a diagnostic points, for failure messages. */
export function describe(diagnostic) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (!diagnostic.file) return `${diagnostic.code} ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  return `${diagnostic.file.fileName}:${line + 1}:${character + 1} ${diagnostic.code} ${message}`;
}

/**
 * Tags the classes of a file that can take the tag, the way a user would:
 * `/** @asyncInit *\/` before the class, and `async init() {}` as its first
 * member when it has none. Skips classes that declare `then` (an error by
 * design), that have an `init` that is not an instance method with a body,
 * and ambient (`declare`) classes. `pick(index)` chooses among the candidates.
 * Returns the new text and the names of the classes tagged.
 * @param {string} fileName
 * @param {string} text
 * @param {(index: number) => boolean} [pick]
 */
export function tagClasses(fileName, text, pick = () => true) {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edits = [];
  const tagged = [];
  let index = 0;
  const visit = (node) => {
    if (ts.isClassDeclaration(node) && node.name && canTag(node) && pick(index++)) {
      tagged.push(node.name.text);
      edits.push({ at: node.getStart(sourceFile), insert: "/** @asyncInit */ " });
      if (!memberNamed(node, "init")) edits.push({ at: node.members.pos, insert: "\n  async init() {}\n" });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  let out = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, edit.at) + edit.insert + out.slice(edit.at);
  return { text: out, tagged };
}

function memberNamed(node, name) {
  return node.members.find((m) => m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === name);
}

function canTag(node) {
  if (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return false;
  if (memberNamed(node, "then")) return false;
  const init = memberNamed(node, "init");
  if (!init) return true;
  const isStatic = ts.getModifiers(init)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  return ts.isMethodDeclaration(init) && init.body !== undefined && !isStatic;
}

export { relative, ts };
