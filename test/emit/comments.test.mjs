// The transformer keeps the user's comments: every comment plain tsc emits for
// a file is still in the file's output with the plugin (licence headers
// included), for files with a tagged class. Comments are read with
// TypeScript's scanner, so strings and regular expressions are not mistaken for them.
// Programs: test/emit/programs/comments (one file per case, and types.ts they import).
import test from "ava";
import { compile, format, moduleOptions, pluginMessages, readSource, ts } from "../support/project.mjs";

/** Every comment in a piece of JavaScript, in order (the source map link left out). */
function commentsOf(text) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const comments = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      const comment = scanner.getTokenText();
      if (!comment.startsWith("//# sourceMappingURL")) comments.push(comment);
    }
    // A `/` after an expression is division; let the scanner read regular expressions where they can start.
    if (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) scanner.reScanSlashToken();
  }
  return comments;
}

/** The comments of `plain` missing from `transformed`, counting repeats. */
function missingComments(plain, transformed) {
  const left = commentsOf(transformed);
  return commentsOf(plain).filter((comment) => {
    const at = left.indexOf(comment);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
}

const PROGRAMS = "test/emit/programs/comments";
const TYPES = readSource(`${PROGRAMS}/types.ts`);

/** Each case: its title, and its file (it starts with a licence header). */
const CASES = {
  "licence header, then a type-only import (elided)": "type-only-import.ts",
  "licence header, then an import used only as a type (elided)": "import-used-as-type.ts",
  "licence header, then an import that is kept": "kept-import.ts",
  "licence header, then the tagged class": "tagged-class.ts",
};

const CELLS = [moduleOptions("ES2015", "commonjs"), moduleOptions("ES2022", "nodenext"), moduleOptions("ESNext", "commonjs")];

for (const [name, file] of Object.entries(CASES)) {
  for (const compilerOptions of CELLS) {
    test(`keeps every comment plain tsc keeps: ${name} (${compilerOptions.target}/${compilerOptions.module})`, (t) => {
      const compiled = compile({ "main.ts": readSource(`${PROGRAMS}/${file}`), "types.ts": TYPES }, { compilerOptions });
      t.is(format(compiled.errors), "");
      const plain = compiled.emit({ plugin: false }).outputs["main.js"];
      const { outputs, diagnostics } = compiled.emit();
      t.deepEqual(pluginMessages(diagnostics), []);
      t.true(outputs["main.js"].includes(`asyncInit_1.then(this, "init")`), "the class is transformed");
      t.true(commentsOf(plain).includes("/*! my-lib v1.0.0 | MIT */"), "plain tsc keeps the licence header");
      t.deepEqual(missingComments(plain, outputs["main.js"]), []);
    });
  }
}

// The same over the rich programs of the helper tests.
test("keeps every comment plain tsc keeps: the rule programs", (t) => {
  const names = ["rich.ts", "sync.ts", "consumer.ts", "decorated.ts"];
  const files = Object.fromEntries(names.map((n) => [n, readSource(`test/emit/programs/${n}`)]));
  for (const compilerOptions of CELLS) {
    const compiled = compile(files, { compilerOptions });
    const plain = compiled.emit({ plugin: false }).outputs;
    const withPlugin = compiled.emit().outputs;
    for (const file of Object.keys(plain).filter((f) => f.endsWith(".js"))) {
      t.deepEqual(missingComments(plain[file], withPlugin[file]), [], `${file} (${compilerOptions.target}/${compilerOptions.module})`);
    }
  }
});

test("commentsOf reads comments, not strings or regular expressions", (t) => {
  t.deepEqual(commentsOf('/*! a */ const s = "/* no */"; const r = /\\/\\/ no/; // b\n'), ["/*! a */", "// b"]);
});
