// Turns the plumbing's TypeScript source (transformer/plumbing/plumbing.ts and
// awaitOnly.ts) into the text the back ends insert into users' modules, and writes
// it to transformer/plumbing/generated.ts (not in git). Run by `npm run build`
// before tsc, which compiles generated.ts with the rest.
//
// For each source, the body of its one exported function becomes an IIFE:
//
//     export function createPlumbing(): object {         (() => {
//         const key = Symbol.for(REGISTRY_KEY);     →        const key = Symbol.for("ts-async-init.v3");
//         …                                                  …
//     }                                                  })()
//
// once as TypeScript (the body as written, types and all) and once as JavaScript
// (the same with the types stripped by TypeScript's own emit, comments kept).
//
//   node scripts/build-plumbing.mjs

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ts = createRequire(import.meta.url)("typescript");
const FOLDER = fileURLToPath(new URL("../transformer/plumbing/", import.meta.url));
const OUTPUT = join(FOLDER, "generated.ts");

/** The sources, the function whose body each one is, and the names of its text in generated.ts. */
const SOURCES = [
  { file: "plumbing.ts", fn: "createPlumbing", name: "PLUMBING", what: "every module with an @asyncInit class" },
  { file: "awaitOnly.ts", fn: "createAwaitOnlyPlumbing", name: "AWAIT_ONLY", what: "a module that only awaits instances of @asyncInit classes" },
];

function parse(file) {
  return ts.createSourceFile(file, readFileSync(join(FOLDER, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** `export const NAME = "…";` of registry.ts, as name → string literal text. */
function constantsOf(file) {
  const constants = new Map();
  for (const statement of parse(file).statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.initializer && ts.isStringLiteral(d.initializer)) constants.set(d.name.text, JSON.stringify(d.initializer.text));
    }
  }
  return constants;
}

/** The names a source imports; the body may use these only if they are constants of registry.ts. */
function importedNames(source, constants) {
  const names = new Set();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (statement.moduleSpecifier.text !== "./registry" || !bindings || !ts.isNamedImports(bindings)) {
      throw new Error(`${source.fileName}: the plumbing may import only named constants of ./registry`);
    }
    for (const element of bindings.elements) {
      if (!constants.has(element.name.text) || element.propertyName)
        throw new Error(`${source.fileName}: ${element.name.text} is not a constant of ./registry`);
      names.add(element.name.text);
    }
  }
  return names;
}

/** The function's body between its braces, with each imported constant written in as its literal. */
function bodyText(source, fn, constants) {
  const declaration = source.statements.find((s) => ts.isFunctionDeclaration(s) && s.name?.text === fn);
  if (!declaration?.body) throw new Error(`${source.fileName}: no function ${fn}`);
  const imported = importedNames(source, constants);
  const body = declaration.body;
  const start = body.getStart() + 1;
  const edits = [];
  const visit = (node) => {
    if (ts.isIdentifier(node) && imported.has(node.text))
      edits.push({ pos: node.getStart() - start, end: node.getEnd() - start, text: constants.get(node.text) });
    ts.forEachChild(node, visit);
  };
  visit(body);
  let text = source.text.slice(start, body.getEnd() - 1);
  for (const edit of edits.reverse()) text = text.slice(0, edit.pos) + edit.text + text.slice(edit.end);
  return text;
}

/**
 * The IIFE with TypeScript's own type stripping: the printer's layout, comments
 * kept (those on types go with them). The one statement comes back with a
 * semicolon, which the text leaves to the declaration it is put in.
 */
function stripTypes(typescript, file) {
  const result = ts.transpileModule(`${typescript};`, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, removeComments: false, newLine: ts.NewLineKind.LineFeed },
  });
  if (result.diagnostics.length)
    throw new Error(ts.formatDiagnostics(result.diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => FOLDER, getNewLine: () => "\n" }));
  const js = result.outputText;
  if (!js.endsWith(";\n")) throw new Error(`${file}: unexpected output of transpileModule`);
  return js.slice(0, -2);
}

function generate() {
  const constants = constantsOf("registry.ts");
  const lines = [
    "// Generated by scripts/build-plumbing.mjs from plumbing.ts and awaitOnly.ts (npm run build): do not edit.",
    "// Each text is one expression, an IIFE, framed by a newline on each side.",
  ];
  for (const { file, fn, name, what } of SOURCES) {
    const typescript = `(() => {${bodyText(parse(file), fn, constants)}})()`;
    const javascript = stripTypes(typescript, file);
    lines.push(
      "",
      `/** The plumbing of ${what}, as JavaScript (types stripped, comments kept). */`,
      `export const ${name}_JS = ${JSON.stringify(`\n${javascript}\n`)};`,
      "",
      `/** The plumbing of ${what}, as erasable TypeScript that type-checks under strict, with or without DOM. */`,
      `export const ${name}_TS = ${JSON.stringify(`\n${typescript}\n`)};`,
    );
  }
  return lines.join("\n") + "\n";
}

const text = generate();
if (!existsSync(OUTPUT) || readFileSync(OUTPUT, "utf8") !== text) writeFileSync(OUTPUT, text);
