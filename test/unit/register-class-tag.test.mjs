// The register hook's reading of a tag in a module it does not parse (JavaScript of the app,
// TypeScript another loader compiled first): a tag in a JSDoc block before a class, by the text
// alone; not a mention in prose, nor one in a template literal.

import test from "ava";
import { classTagIn } from "../../dist/frontends/register/classTag.js";

/** The line (1-based) of the tag found, or undefined. */
const tagLine = (source) => {
  const at = classTagIn(source);
  return at === undefined ? undefined : source.slice(0, at).split("\n").length;
};

test("a tag before a class: with modifiers, decorators and their arguments (nested, generic), a binding, module.exports, a parenthesis", (t) => {
  t.is(tagLine("/** @asyncInit */\nexport default class Db {}\n"), 1);
  t.is(tagLine("/** @asyncInit */\n@Component({ providers: [f()], name: ')' })\nexport class Db {}\n"), 1);
  t.is(tagLine("/** @asyncInit */\n@Inject<Map<string, number>>()\n@Plain\nexport abstract class Db {}\n"), 1);
  t.is(tagLine("export const Db = /** @asyncInit */ class {};\n"), 1);
  t.is(tagLine("/** @asyncInit */\nmodule.exports = class Db {};\n"), 1);
  t.is(tagLine("const x = 1;\n/** @asyncInit */ // the database\n/* pooled */ (class Db {});\n"), 2);
});

test("no tag: a mention in prose before a function, also with a block comment after it and a class further on; one in a template literal", (t) => {
  t.is(tagLine("/** Unlike a class tagged @asyncInit, this is ready at once. */\nexport function open() {}\n"), undefined);
  t.is(
    tagLine(
      "/** Unlike a class tagged @asyncInit, this is ready at once. */\n/* c8 ignore next */\nexport function open() { return 1; }\n/** A plain class. */\nexport class Plain {}\n",
    ),
    undefined,
  );
  t.is(tagLine("export const source = `/** @asyncInit */\nexport class Gen {}\n`;\n"), undefined);
  // The prose mention first, the tag further on: the tag.
  t.is(tagLine("/** Unlike a class tagged @asyncInit: */\nexport function open() {}\n/** @asyncInit */\nexport class Db {}\n"), 3);
});

test("many block comments after a mention in prose, and no class: read in one pass (no backtracking that doubles with each comment)", (t) => {
  const comments = "/* a */ ".repeat(64);
  t.is(tagLine(`/** Unlike a class tagged @asyncInit. */\n${comments}\nexport function open() {}\n`), undefined);
  t.is(tagLine(`/** @asyncInit */\n${comments}\nexport class Db {}\n`), 1);
});
