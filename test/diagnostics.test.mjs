import { writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { build, compile, format, pluginMessages, runNode, tempDir, ts, tsAsyncInit } from "./support/project.mjs";

const messagesFor = (source, options = {}) => pluginMessages(build({ "main.ts": source }, options).diagnostics);

/** main.ts through ts.transpileModule with the plugin, as the tools without a type checker compile it. */
function transpile(source) {
  /** @type {import("typescript").Diagnostic[]} */
  const diagnostics = [];
  const before = [tsAsyncInit(undefined, {}, { ts, addDiagnostic: (d) => diagnostics.push(d) })];
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    fileName: "main.ts",
    transformers: { before },
  });
  return { outputText, diagnostics, messages: pluginMessages(diagnostics) };
}

test("a tagged class without its init method is an error at the class name", (t) => {
  const messages = messagesFor(`\n/** @asyncInit */\nclass Db {\n  async start() {}\n}\n`);
  t.is(messages.length, 1);
  t.regex(
    messages[0],
    /^46001 3:7 @asyncInit class 'Db' has no method 'init'\. Declare 'async init\(\) \{ … \}', or name the init method in the tag: '@asyncInit start'\.$/,
  );
});

test("TS46001 offers the init method that a tagged base's tag names (a library's .d.ts says '@asyncInit init'), for a project whose initMethod is another", (t) => {
  const built = build(
    {
      "lib.d.ts": `/** @asyncInit init */\nexport declare class Db {\n    query(): Promise<string>;\n    init(): Promise<void>;\n    [Symbol.asyncDispose](): Promise<void>;\n}\n`,
      "main.ts": `import { Db } from "./lib";\n/** @asyncInit */\nexport class Mine extends Db {}\n`,
    },
    { plugin: { initMethod: "setup" } },
  );
  t.deepEqual(pluginMessages(built.diagnostics), [
    "46001 3:14 @asyncInit class 'Mine' has no method 'setup'. Declare 'async setup() { … }', or name the init method in the tag: '@asyncInit init'.",
  ]);
  // A base of the same file, with and without a checker.
  const sameFile = `/** @asyncInit start */\nclass Base { async start() {} }\n/** @asyncInit */\nclass Sub extends Base {}\n`;
  const offered =
    "46001 4:7 @asyncInit class 'Sub' has no method 'init'. Declare 'async init() { … }', or name the init method in the tag: '@asyncInit start'.";
  t.deepEqual(messagesFor(sameFile), [offered]);
  t.deepEqual(transpile(sameFile).messages, [offered]);
  // The nearest tagged base decides: a bare tag names no method, so the class's own async method is offered.
  const nearer = `/** @asyncInit start */\nclass A { async start() {} }\n/** @asyncInit */\nclass B extends A { async open() {} }\n/** @asyncInit */\nclass Sub extends B { async go() {} }\n`;
  t.regex(messagesFor(nearer).find((m) => m.includes("'Sub'")) ?? "", /'@asyncInit go'\.$/);
  t.regex(transpile(nearer).messages.find((m) => m.includes("'Sub'")) ?? "", /'@asyncInit go'\.$/);
});

test("the init method may be inherited, named in the tag, or set by the plugin option", (t) => {
  t.deepEqual(messagesFor(`class Base { async init() {} }\n/** @asyncInit */\nclass Db extends Base {}\n`), []);
  t.deepEqual(messagesFor(`/** @asyncInit setup */\nclass Db { async setup() {} }\n`), []);
  // A tag that names the method already is not told to name it.
  const named =
    "46001 2:7 @asyncInit class 'Db' has no method 'setup', which its tag names ('@asyncInit setup'). Declare 'async setup() { … }'; or, where the comment only mentions the tag ('uses @asyncInit setup …'), write it in backticks: `@asyncInit`.";
  t.deepEqual(messagesFor(`/** @asyncInit setup */\nclass Db { async init() {} }\n`), [named]);
  t.deepEqual(transpile(`/** @asyncInit setup */\nclass Db { async init() {} }\n`).messages, [named]);
  t.deepEqual(messagesFor(`/** @asyncInit */\nclass Db { async open() {} }\n`, { plugin: { initMethod: "open" } }), []);
  t.regex(messagesFor(`/** @asyncInit */\nclass Db { async init() {} }\n`, { plugin: { initMethod: "open" } })[0], /^46001 2:7 .*no method 'open'/);
  // The name it offers for the tag is the class's first async method, if it has one; else another name than the one it misses.
  t.regex(
    messagesFor(`/** @asyncInit */\nclass Db { async init() {} }\n`, { plugin: { initMethod: "setup" } })[0],
    /no method 'setup'\. .*in the tag: '@asyncInit init'\.$/,
  );
  t.regex(
    messagesFor(`/** @asyncInit */\nclass Db { static async boot() {} }\n`, { plugin: { initMethod: "setup" } })[0],
    /no method 'setup'\. .*in the tag: '@asyncInit open'\.$/,
  );
});

test("without a checker, a missing init is found up the bases the file declares, as with a checker: implements gives none; a base from elsewhere or a mixin's may have it", (t) => {
  const missing = [
    `interface Service { run(): void }\n/** @asyncInit */\nclass Db implements Service { run() {} }\n`,
    `class Base {}\nclass Middle extends Base { async start() {} }\n/** @asyncInit */\nclass Db extends Middle {}\n`,
  ];
  for (const source of missing) {
    const expected = messagesFor(source);
    t.regex(expected[0] ?? "", /^46001 \d+:7 @asyncInit class 'Db' has no method 'init'/, source);
    t.deepEqual(transpile(source).messages, expected, source);
  }
  const found = [
    `class Base { async init() {} }\nclass Middle extends Base {}\n/** @asyncInit */\nclass Db extends Middle {}\n`,
    `import { Base } from "./base";\n/** @asyncInit */\nexport class Db extends Base {}\n`,
    `class Base {}\nconst Memo = <T extends new (...args: any[]) => object>(B: T) => class extends B { async init() {} };\n/** @asyncInit */\nclass Db extends Memo(Base) {}\n`,
  ];
  for (const source of found) t.deepEqual(transpile(source).messages, [], source);
  // Where a base may have it unseen: a base whose merged interface declares it (the handbook's applyMixins), a
  // name that a parameter rebinds (a mixin's), no error either; with a checker, both build and run.
  const unseen = [
    `class Connectable { async init() {} }\nclass Base {}\ninterface Base extends Connectable {}\n/** @asyncInit */\nexport class Db extends Base {}\n`,
    `class Base {}\ntype Ctor<T = object> = new (...args: any[]) => T;\nexport function Connected<B extends Ctor<{ init(): Promise<void> }>>(Base: B) {\n  /** @asyncInit */\n  class Conn extends Base {}\n  return Conn;\n}\n`,
  ];
  for (const source of unseen) {
    t.deepEqual(transpile(source).messages, [], source);
    t.deepEqual(messagesFor(source), [], `${source} (checker)`);
  }
});

test("a static or non-method init is an error that says what to change, at that member", (t) => {
  t.regex(
    messagesFor(`/** @asyncInit */\nclass Db { static async init() {} }\n`)[0],
    /^46001 2:25 'init' of @asyncInit class 'Db' is static\. Make it an instance method/,
  );
  t.regex(
    messagesFor(`/** @asyncInit */\nclass Db { init = async () => {}; }\n`)[0],
    /^46001 2:12 'init' of @asyncInit class 'Db' is not a method\. Declare it as a method/,
  );
  t.regex(messagesFor(`/** @asyncInit */\nclass Db { get init() { return async () => {}; } }\n`)[0], /^46001 2:16 .* is not a method/);
  // Beside a static init, at the instance member that is not a method; beside a static field, at the instance arrow.
  t.regex(messagesFor(`/** @asyncInit */\nclass Db {\n  static async init() {}\n  init = 5;\n}\n`)[0], /^46001 4:3 .* is not a method/);
  t.regex(messagesFor(`/** @asyncInit */\nclass Db {\n  static init = 1;\n  init = async () => {};\n}\n`)[0], /^46001 4:3 .* is not a method/);
});

test("a tagged class that declares its own then is an error at that member", (t) => {
  const messages = messagesFor(`/** @asyncInit */\nclass Db {\n  async init() {}\n  then(resolve: () => void) {}\n}\n`);
  t.is(messages.length, 1);
  t.regex(messages[0], /^46002 4:3 @asyncInit class 'Db' declares its own 'then'/);
  t.deepEqual(messagesFor(`/** @asyncInit */\nclass Db { async init() {}\n static then() {} }\n`), [], "a static then does not make instances thenable");
});

test("the tag on something that is not a class is a warning, and nothing changes", (t) => {
  const built = build({ "main.ts": `/** @asyncInit */\nfunction f() {}\nconst x = 1; /** @asyncInit */\ninterface I {}\nexport { f, x };\n` });
  const warnings = built.diagnostics.filter((d) => d.source === "ts-async-init");
  t.is(warnings.length, 2);
  t.true(warnings.every((d) => d.category === ts.DiagnosticCategory.Warning && d.code === 46003));
  t.deepEqual(
    pluginMessages(warnings).map((m) => m.slice(0, 10)),
    ["46003 1:1 ", "46003 3:14"],
  );
  const plain = build(
    { "main.ts": `/** @asyncInit */\nfunction f() {}\nconst x = 1; /** @asyncInit */\ninterface I {}\nexport { f, x };\n` },
    { plugin: false },
  );
  t.is(built.outputs["main.js"], plain.outputs["main.js"]);
});

test("the tag in another case (@asyncinit, @AsyncInit) is a warning, with and without a checker, and nothing changes", (t) => {
  const source = `/** @asyncinit */\nexport class Db { async init() {} }\n/** A pool. @AsyncInit setup */\nexport class Pool { async setup() {} }\n`;
  const expected = [
    "46003 1:1 '@asyncinit' is not the tag '@asyncInit' (tags are case-sensitive): it is ignored, and the class is not rewritten. Write '@asyncInit'.",
    "46003 3:1 '@AsyncInit' is not the tag '@asyncInit' (tags are case-sensitive): it is ignored, and the class is not rewritten. Write '@asyncInit'.",
  ];
  const built = build({ "main.ts": source });
  t.deepEqual(pluginMessages(built.diagnostics), expected);
  t.true(built.diagnostics.every((d) => d.category === ts.DiagnosticCategory.Warning));
  t.is(built.outputs["main.js"], build({ "main.ts": source }, { plugin: false }).outputs["main.js"]);
  const untyped = transpile(source);
  t.deepEqual(untyped.messages, expected);
  // Not the tag in any case: nothing to say.
  for (const other of ["/** @asyncinitialize */", "/** @AsyncInit-ish */", "// asyncInit, the pattern"]) {
    t.deepEqual(messagesFor(`${other}\nexport class Db { async init() {} }\n`), [], other);
    t.deepEqual(transpile(`${other}\nexport class Db { async init() {} }\n`).messages, [], other);
  }
});

test("near misses of the tag are warnings, with and without a checker, and nothing changes: a space after '@' or a full-width '＠' in a JSDoc block, and the tag in a comment before the class that is no JSDoc block", (t) => {
  const notTheTag = (written) => `'${written}' is not the tag '@asyncInit': it is ignored, and the class is not rewritten. Write '@asyncInit'.`;
  const notJsDoc = (written) =>
    `'${written}' is in a comment that is not a JSDoc block, which holds no tag: it is ignored, and the class is not rewritten. Write the tag in a JSDoc block: '/** @asyncInit */'.`;
  for (const [comment, message] of [
    ["/** @ asyncInit */", notTheTag("@ asyncInit")],
    ["/** ＠asyncInit */", notTheTag("＠asyncInit")],
    ["/* @asyncInit */", notJsDoc("@asyncInit")],
    ["// @asyncinit setup", notJsDoc("@asyncinit")],
    ["//@asyncInit", notJsDoc("@asyncInit")],
  ]) {
    const source = `${comment}\nexport class Db { async init() {} }\n`;
    const expected = [`46003 1:1 ${message}`];
    const built = build({ "main.ts": source });
    t.deepEqual(pluginMessages(built.diagnostics), expected, comment);
    t.is(built.outputs["main.js"], build({ "main.ts": source }, { plugin: false }).outputs["main.js"], comment);
    t.deepEqual(transpile(source).messages, expected, comment);
  }
  // A line comment beside a JSDoc block that holds the tag: the class has its tag, nothing to say.
  t.deepEqual(messagesFor(`/** @asyncInit */\n// @asyncInit: see the README\nexport class Db { async init() {} }\n`), []);
});

test("an init that is a generator (async *init) is an error, with and without a checker: calling it would run none of its body", (t) => {
  const source = `/** @asyncInit */\nexport class Db {\n  ran = false;\n  async *init() { this.ran = true; }\n}\n`;
  const message = "'init' of @asyncInit class 'Db' is a generator: calling it runs none of its body. Declare it 'async init() { … }'.";
  // At the member's name.
  const expected = [`46001 4:10 ${message}`];
  t.deepEqual(messagesFor(source), expected);
  t.deepEqual(transpile(source).messages, expected);
  t.deepEqual(messagesFor(source.replace("async *init", "*init")), [`46001 4:4 ${message}`]);
});

test("an init whose parameters ask for what it is not given (a string, a second required value, a rest of strings) is an error, with and without a checker", (t) => {
  const at = (init, parameter) => {
    const line = `  ${init}`;
    return `46001 3:${line.indexOf(parameter) + 1} 'init' of @asyncInit class 'Db' takes '${parameter}', but it is called with one argument only: the AbortSignal that dispose aborts. Take no parameter, or 'signal?: AbortSignal'; hand other values to the constructor.`;
  };
  const source = (init) => `/** @asyncInit */\nexport class Db {\n  ${init}\n}\n`;
  for (const [init, parameter] of [
    ["async init(url: string) {}", "url: string"],
    ["async init(signal: AbortSignal, url: string) {}", "url: string"],
    // A rest parameter's first element is the signal.
    ["async init(...names: string[]) {}", "...names: string[]"],
    // A rest of no element at all, or of a tuple whose first element is no signal.
    ["async init(...rest: []) {}", "...rest: []"],
    ["async init(...pair: [number, number]) {}", "...pair: [number, number]"],
    ["async init(...named: [url: string]) {}", "...named: [url: string]"],
    ["async init(...names: readonly string[]) {}", "...names: readonly string[]"],
    ["async init(...names: Array<string>) {}", "...names: Array<string>"],
    ["async init(...names: ReadonlyArray<string>) {}", "...names: ReadonlyArray<string>"],
    // A default that no AbortSignal is, with no type written.
    ["async init(retries = 3) {}", "retries = 3"],
    // After a this parameter (erased: no parameter of JavaScript's), the same.
    ["async init(this: Db, url: string) {}", "url: string"],
  ]) {
    t.deepEqual(messagesFor(source(init)), [at(init, parameter)], init);
    t.deepEqual(transpile(source(init)).messages, [at(init, parameter)], init);
  }
  // The checker sees any type an AbortSignal cannot be passed for; without one, only a primitive keyword is sure.
  const options = "async init(options: { url: string }) {}";
  t.deepEqual(messagesFor(source(options)), [at(options, "options: { url: string }")]);
  t.deepEqual(transpile(source(options)).messages, []);
  for (const init of [
    "async init(signal: AbortSignal) {}",
    "async init(signal?: AbortSignal) {}",
    "async init(signal: unknown) {}",
    "async init(signal) {}",
    "async init(signal: AbortSignal, retries = 3, label?: string) {}",
    "async init(signal = undefined) {}",
    "async init(signal: AbortSignal | undefined = undefined) {}",
    "async init(...rest: unknown[]) {}",
    "async init(...rest: [AbortSignal?]) {}",
    "async init(...rest: Array<AbortSignal>) {}",
    "async init(this: Db) {}",
    "async init(this: Db, signal?: AbortSignal) {}",
  ]) {
    t.deepEqual(messagesFor(source(init)), [], init);
    t.deepEqual(transpile(source(init)).messages, [], init);
  }
  // A this parameter alone declares none: init is called with no signal, as an init() is.
  for (const init of ["async init(this: Db) {}", "async init() {}"]) {
    t.true(transpile(source(init)).outputText.includes(`asyncInit_1.then(this, "init")`), init);
  }
  t.true(transpile(source("async init(this: Db, signal?: AbortSignal) {}")).outputText.includes(`asyncInit_1.then(this, "init", true)`));
});

test("an init that only a merged interface declares is missing, with and without a checker", (t) => {
  const source = `export interface Db { init(): Promise<void>; }\n/** @asyncInit */\nexport class Db { ready = false; }\n`;
  t.deepEqual(
    messagesFor(source).map((m) => m.slice(0, 10)),
    ["46001 3:14"],
  );
  t.deepEqual(
    transpile(source).messages.map((m) => m.slice(0, 10)),
    ["46001 3:14"],
  );
  // An interface of its own that a base class's type gives (a mixin's) is the base's business: no error.
  const mixin = `interface Startable { init(): Promise<void>; }\ndeclare const Base: new () => Startable;\n/** @asyncInit */\nexport class Db extends Base {}\n`;
  t.deepEqual(messagesFor(mixin), []);
});

test("tags that name different init methods before one class are an error at the class, with and without a checker; the same tag twice is one tag", (t) => {
  /** @type {[string, string, number][]} the tags, what the message lists, the line of the class */
  const conflicts = [
    ["/** @asyncInit setup\n * @asyncInit start */\n", "'@asyncInit setup', '@asyncInit start'", 3],
    ["/**\n * @asyncInit\n * @asyncInit setup\n */\n", "'@asyncInit', '@asyncInit setup'", 5],
    ["/** @asyncInit setup */\n/** @asyncInit */\n", "'@asyncInit setup', '@asyncInit'", 3],
  ];
  for (const [tags, written, line] of conflicts) {
    const source = `${tags}export class Db { async init() {} async setup() {} async start() {} }\n`;
    const expected = [
      `46004 ${line}:14 @asyncInit class 'Db' has tags that name different init methods (${written}), and which one is meant is not known. Keep one tag.`,
    ];
    t.deepEqual(messagesFor(source), expected, tags);
    t.deepEqual(transpile(source).messages, expected, tags);
    t.false(transpile(source).outputText.includes("asyncInit_1"), "emitted as written");
  }
  const twice = "/** @asyncInit */\n/** @asyncInit */\nexport class Db { async init() {} }\n";
  t.deepEqual(messagesFor(twice), []);
  t.deepEqual(transpile(twice).messages, []);
  t.true(transpile(twice).outputText.includes(`asyncInit_1.then(this, "init")`));
});

test("a name after the tag that is not an identifier is an error at that name", (t) => {
  const messages = messagesFor(`/** @asyncInit 2fast */\nclass Db { async init() {} }\n`);
  t.is(messages.length, 1);
  t.regex(messages[0], /^46004 1:16 '2fast' in '@asyncInit 2fast' is not an identifier/);
  // Written right after the tag, as a call or a label: not the default method either.
  for (const [written, name] of [
    ["@asyncInit(setup)", "(setup)"],
    ['@asyncInit({ initMethod: "setup" })', "({"],
    ["@asyncInit: setup", ":"],
    ["@asyncInit()", "()"],
  ]) {
    const source = `/** ${written} */\nclass Db { async init() {} async setup() {} }\n`;
    const found = messagesFor(source);
    t.deepEqual(
      found,
      [
        `46004 1:15 '${name}' in '${written.slice(0, written.indexOf(name))}${name}' is not an identifier. Write the name of the init method, e.g. '@asyncInit setup'.`,
      ],
      written,
    );
    t.false(transpile(source).outputText.includes("asyncInit_1"), `${written}: emitted as written`);
  }
});

test("'constructor' or 'then' after the tag is an error at that name that says why, with and without a checker (no 'Declare async constructor()' advice)", (t) => {
  const why = {
    constructor: "a class's constructor cannot be an async method",
    then: "the rewrite generates 'then', which makes instances awaitable",
  };
  for (const [name, reason] of Object.entries(why)) {
    const source = `/** @asyncInit ${name} */\nclass Db { async init() {} }\n`;
    const expected = [
      `46004 1:16 '${name}' in '@asyncInit ${name}' cannot name the init method: ${reason}. Write the name of another method, e.g. '@asyncInit setup'.`,
    ];
    t.deepEqual(messagesFor(source), expected, name);
    const { messages, outputText } = transpile(source);
    t.deepEqual(messages, expected, `${name} without a checker`);
    t.false(outputText.includes("asyncInit_1"), `${name}: emitted as written`);
  }
});

test("a teardown declared as a property is an error; a declare property (a type, no member) is not", (t) => {
  const messages = messagesFor(`/** @asyncInit */\nclass Db {\n  async init() {}\n  [Symbol.asyncDispose] = async () => {};\n}\n`);
  t.regex(messages[0], /^46005 4:3 '\[Symbol\.asyncDispose\]' of @asyncInit class 'Db' is not a method/);
  t.regex(
    messagesFor(`/** @asyncInit */\nclass Db {\n  async init() {}\n  [Symbol.asyncDispose]!: () => Promise<void>;\n}\n`)[0] ?? "",
    /^46005 4:3 .*; to give its type only, write 'declare' before it\.$/,
  );
  const declared = `/** @asyncInit */\nclass Db {\n  async init() {}\n  declare [Symbol.asyncDispose]: () => Promise<void>;\n}\n`;
  t.deepEqual(messagesFor(declared), []);
  t.deepEqual(transpile(declared).messages, [], "without a checker");
});

test("a TS2851 kept for a tagged class whose checks failed says why, naming a class expression by its holder; not for a union whose other part is the cause, beside a rewritten subclass of that class", (t) => {
  const source = `/** @asyncInit */\nexport class Db { noInit = 1; }\n/** @asyncInit */\nexport class Good extends Db { async init() {} }\nexport const Expr = /** @asyncInit */ class { start() {} };\nexport async function use(flag: boolean) {\n  await using a = new Db();\n  await using b = new Good();\n  await using c = flag ? new Good() : { x: 1 };\n  await using d = new Expr();\n}\n`;
  const { program } = compile({ "main.ts": source });
  tsAsyncInit(program);
  const kept = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.code === 2851)
    .map((d) => [d.file.getLineAndCharacterOfPosition(d.start).line + 1, ts.flattenDiagnosticMessageText(d.messageText, "\n")]);
  t.deepEqual(
    kept.map(([line]) => line),
    [7, 9, 10],
    "b's TS2851 is untrue: Good is rewritten",
  );
  t.regex(kept[0][1], /\n {2}'Db' has the @asyncInit tag but is not rewritten, for TS46001 at .*main\.ts:2:14: @asyncInit class 'Db' has no method 'init'\./);
  t.notRegex(kept[1][1], /has the @asyncInit tag/, "the { x: 1 } part is the cause, not Good's base");
  t.regex(kept[2][1], /\n {2}'Expr' has the @asyncInit tag but is not rewritten, for TS46001 at /);
});

test("a teardown that is a generator (async *[Symbol.asyncDispose]) is an error, with and without a checker, and the class is emitted as written (its body would never run)", (t) => {
  for (const star of ["async *", "*"]) {
    const source = `/** @asyncInit */\nclass Db {\n  async init() {}\n  ${star}[Symbol.asyncDispose]() { yield 1; }\n}\n`;
    const expected = [
      "46005 4:3 '[Symbol.asyncDispose]' of @asyncInit class 'Db' is a generator: calling it runs none of its body. Declare it 'async [Symbol.asyncDispose]() { … }'.",
    ];
    t.deepEqual(messagesFor(source), expected, star);
    const { messages, outputText } = transpile(source);
    t.deepEqual(messages, expected, `${star} without a checker`);
    t.false(outputText.includes("asyncInit_1"), `${star}: emitted as written`);
  }
});

test("what is not the tag changes nothing, and only comments that look like a tag meant for the class are warned about", (t) => {
  const source = [
    `// @asyncInit`,
    `class A { async init() {} }`,
    `/* @asyncInit */`,
    `class B { async init() {} }`,
    `/** @asyncInitialize */`,
    `class C { async init() {} }`,
    `const s = "/** @asyncInit */";`,
    `class D {}`,
    `export { A, B, C, D, s };`,
    ``,
  ].join("\n");
  const notJsDoc =
    "'@asyncInit' is in a comment that is not a JSDoc block, which holds no tag: it is ignored, and the class is not rewritten. Write the tag in a JSDoc block: '/** @asyncInit */'.";
  t.deepEqual(messagesFor(source), [`46003 1:1 ${notJsDoc}`, `46003 3:1 ${notJsDoc}`]);
  t.is(build({ "main.ts": source }).outputs["main.js"], build({ "main.ts": source }, { plugin: false }).outputs["main.js"]);
});

test("a class with an error is emitted as written, and the build reports it as an error", (t) => {
  const built = build({ "main.ts": `/** @asyncInit */\nexport class Db { async start() {} }\n` });
  t.false(built.outputs["main.js"].includes("asyncInit_1"));
  t.true(built.diagnostics.some((d) => d.code === 46001 && d.category === ts.DiagnosticCategory.Error));
});

test("a bad plugin option is reported once, without a file, and the default is used", (t) => {
  const built = build({ "main.ts": `/** @asyncInit */\nexport class Db { async init() {} }\n` }, { plugin: { initMethod: "not a name" } });
  const messages = pluginMessages(built.diagnostics);
  t.is(messages.length, 1);
  t.regex(messages[0], /^46006 - ts-async-init: plugin option 'initMethod' is "not a name"; it must be the name of a method/);
  t.true(built.outputs["main.js"].includes(`asyncInit_1.then(this, "init")`));
});

test("an unknown plugin option (a typo) is an error, as TypeScript's unknown compiler option is, and the defaults are used; ts-patch's own keys are not", (t) => {
  const built = build({ "main.ts": `/** @asyncInit */\nexport class Db { async init() {} }\n` }, { plugin: { initMethd: "setup" } });
  t.deepEqual(pluginMessages(built.diagnostics), [
    "46006 - ts-async-init: unknown plugin option 'initMethd'. The plugin's options are 'initMethod' and 'stateField'.",
  ]);
  t.is(built.diagnostics[0]?.category, ts.DiagnosticCategory.Error);
  t.true(built.outputs["main.js"].includes(`asyncInit_1.then(this, "init")`));
  t.deepEqual(messagesFor(`/** @asyncInit */\nexport class Db { async init() {} }\n`, { plugin: { after: false, import: "default", isEsm: false } }), []);
});

test("a stateField option that is not a boolean is reported, and the default (true) is used", (t) => {
  const built = build(
    { "main.ts": `/** @asyncInit */\nexport class Db { async init() {} }\n` },
    { compilerOptions: { target: "ES2022" }, plugin: { stateField: "no" } },
  );
  const messages = pluginMessages(built.diagnostics);
  t.deepEqual(messages, [`46006 - ts-async-init: plugin option 'stateField' is "no"; it must be true or false.`]);
  t.true(built.outputs["main.js"].includes("#asyncInit;"));
});

test("broken source code gives TypeScript's own errors, never a crash of the plugin", (t) => {
  const broken = [
    `/** @asyncInit */ class { async init() {} }`,
    `/** @asyncInit */ class X extends { async init() {} }`,
    `/** @asyncInit */ class Y { async init( { }`,
    `await using z = ;`,
    `for (await using of of []) {}`,
    `/** @asyncInit */`,
  ].join("\n");
  const built = build({ "main.ts": broken });
  t.false(
    built.diagnostics.some((d) => d.code === 46099),
    format(built.diagnostics),
  );
  t.true(built.diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error && d.source !== "ts-async-init"));
});

test("an init that resolves with the instance itself is an error (its promise would wait for itself)", (t) => {
  const messages = messagesFor(
    `/** @asyncInit */\nclass Db {\n  async init() { return this; }\n}\n/** @asyncInit */\nclass Ok {\n  async init(): Promise<void> {}\n}\n`,
  );
  t.is(messages.length, 1);
  // At the return statement, as without a checker; at init's name where only its type says so.
  t.regex(messages[0], /^46007 3:18 'init' of @asyncInit class 'Db' resolves with the instance itself/);
  t.regex(messagesFor(`/** @asyncInit */\nclass Db {\n  async init(): Promise<Db> { return this; }\n}\n`)[0], /^46007 3:31 /);
  const declared = `/** @asyncInit */\nclass Db {\n  async init(): Promise<this> { return load(); }\n}\ndeclare function load(): any;\n`;
  t.regex(messagesFor(declared)[0] ?? "", /^46007 3:9 /);
  // Without a checker too: the declared type says so.
  t.deepEqual(
    transpile(declared).messages.map((m) => m.slice(0, 10)),
    ["46007 3:9 "],
  );
  t.deepEqual(
    transpile(declared.replace("Promise<this>", "Promise<this | undefined>")).messages.map((m) => m.slice(0, 10)),
    ["46007 3:9 "],
  );
  t.deepEqual(transpile(declared.replace("Promise<this>", "Promise<void>")).messages, []);
  t.deepEqual(messagesFor(`/** @asyncInit */\nclass Db {\n  async init() { return 1; }\n}\n`), []);
});

test("an init that resolves with the instance whatever its declared type (unknown, any, new Promise) is an error", (t) => {
  const cases = [
    "async init(): Promise<unknown> { return this; }",
    "async init(): Promise<any> { await 0; return this as any; }",
    "init(): Promise<unknown> { return new Promise((resolve) => setTimeout(() => resolve(this))); }",
    "init(): Promise<unknown> { return Promise.resolve(this); }",
  ];
  for (const init of cases) {
    const messages = messagesFor(`/** @asyncInit */\nclass Db {\n  ${init}\n}\n`);
    t.is(messages.length, 1, init);
    // At the return statement.
    t.true((messages[0] ?? "").startsWith(`46007 3:${init.indexOf("return") + 3} `), messages[0]);
    t.regex(messages[0] ?? "", /resolves with the instance itself/, init);
  }
  const fine = [
    "init(): Promise<unknown> { return new Promise<void>((resolve) => resolve()); }",
    "init(): Promise<unknown> { const self = { x: 1 }; return new Promise((resolve) => resolve(self)); }",
    "init(): Promise<unknown> { return new Promise(function (this: unknown, resolve) { resolve(this); }); }",
    "async init(): Promise<unknown> { const f = () => this; return 1; }",
  ];
  for (const init of fine) t.deepEqual(messagesFor(`/** @asyncInit */\nclass Db {\n  ${init}\n}\n`), [], init);
});

test("an init that resolves with another instance of its class (a parent; init declared as Promise<Node | undefined>) is no error, and its promise settles", async (t) => {
  // With a checker, only a value typed as the instance's own `this` counts: `this.parent` is another Node.
  const node = (init) => `/** @asyncInit */\nexport class Node {\n  constructor(readonly parent?: Node) {}\n  ${init}\n}\n`;
  const fine = [
    "async init() { await null; return this.parent; }",
    "async init(): Promise<Node | undefined> { return this.parent; }",
    "async init(): Promise<Node | undefined> { return this.parent ? Promise.resolve(this.parent) : undefined; }",
  ];
  for (const init of fine) {
    t.deepEqual(messagesFor(node(init)), [], init);
    t.deepEqual(transpile(node(init)).messages, [], `${init} (no checker)`);
  }
  // What `this` is, under another name, still counts.
  t.regex(messagesFor(node("async init() { const self = this; return self; }"))[0] ?? "", /^46007 4:37 /);
  // Run: the parent's init runs, and the child's await settles with the child.
  const main = `${node("async init() { log.push(this.parent ? 'child' : 'parent'); return this.parent; }")}
const log: string[] = [];
const child = new Node(new Node());
console.log((await child) === child, log.join(" "));
`;
  const built = build({ "main.ts": main }, { compilerOptions: { target: "ES2022", module: "nodenext" } });
  t.deepEqual(pluginMessages(built.diagnostics), []);
  t.is(runNode(join(built.outDir, "main.js")).output, "true child parent\n");
});

test("without a type checker, init returning this, Promise.resolve(this), a promise resolved with it, or one an arrow function's result settles (p.then(() => this), (async () => this)()) is still an error", (t) => {
  const cases = [
    "async init(): Promise<unknown> { return this; }",
    "async init() { return Promise.resolve(this); }",
    "init() { return Promise.resolve(this.other ?? this); }",
    "init(): Promise<unknown> { return new Promise((resolve) => resolve(this)); }",
    // A promise that an arrow function's result settles.
    "init() { return this.connect().then(() => this); }",
    "init() { return this.connect().then(() => { return this; }); }",
    "init() { return this.connect().catch(() => this); }",
    "init() { return this.connect().then(() => this.connect().then(() => this)); }",
    "init() { return (async () => this)(); }",
    "init() { return (async () => { await this.connect(); return this; })(); }",
  ];
  for (const init of cases) {
    const { messages } = transpile(
      `/** @asyncInit */\nexport class Db {\n  other?: Db;\n  connect(): Promise<void> { return Promise.resolve(); }\n  ${init}\n}\n`,
    );
    t.deepEqual(
      messages.map((m) => m.slice(0, 11)),
      [`46007 5:${init.indexOf("return") + 3} `],
      init,
    );
    // With a checker too, at the same place.
    t.deepEqual(
      messagesFor(`/** @asyncInit */\nexport class Db {\n  other?: Db;\n  connect(): Promise<void> { return Promise.resolve(); }\n  ${init}\n}\n`).map((m) =>
        m.slice(0, 11),
      ),
      [`46007 5:${init.indexOf("return") + 3} `],
      `${init} (checker)`,
    );
  }
  // Arrows whose result is not the instance, and a function expression's own this.
  for (const init of [
    "init() { return this.connect().then(() => this.other); }",
    "init() { return this.connect().then(() => { const f = () => this; return 1; }); }",
    "init() { return this.connect().then(function (this: unknown) { return this; }); }",
    "async init() { [1].map(() => this); return this.connect(); }",
  ]) {
    const source = `/** @asyncInit */\nexport class Db {\n  other?: Db;\n  connect(): Promise<void> { return Promise.resolve(); }\n  ${init}\n}\n`;
    t.deepEqual(transpile(source).messages, [], init);
  }
});

test("an init that may resolve with the instance (a union with it) is an error, with and without a checker", (t) => {
  const returns = [
    "return this.cached ? this : undefined;",
    "return this.cached ? undefined : (this);",
    "return this.cached && this;",
    "return this.other || this;",
    "return this.other ?? this;",
    "return (void 0, this);",
  ];
  for (const statement of returns) {
    const source = `/** @asyncInit */\nexport class Db {\n  cached = false; other?: Db;\n  async init() { await null; ${statement} }\n}\n`;
    const typed = messagesFor(source);
    const place = `46007 4:${"  async init() { await null; ".length + 1} `;
    t.is(typed.length, 1, statement);
    t.true((typed[0] ?? "").startsWith(place), typed[0]);
    t.regex(typed[0] ?? "", /'init' of @asyncInit class 'Db' resolves with the instance itself/, statement);
    const untyped = transpile(source).messages;
    t.is(untyped.length, 1, `${statement} (no checker)`);
    t.true((untyped[0] ?? "").startsWith(place), untyped[0]);
  }
  t.regex(
    messagesFor(`/** @asyncInit */\nclass Db {\n  async init(): Promise<this | null> { return null; }\n}\n`)[0] ?? "",
    /^46007 3:9 /,
    "a declared union with the instance's own type",
  );
  const fine = [
    "async init(): Promise<void> { await null; }",
    "async init() { await null; return undefined; }",
    "async init() { await null; return this.cached ? undefined : 1; }",
    "async init() { await null; return this.child; }",
    "async init() { await null; return this.child ?? undefined; }",
    "async init() { await null; return this && 1; }",
  ];
  for (const init of fine) {
    const source = `class Child { name = "child"; }\n/** @asyncInit */\nexport class Db {\n  cached = false; child = new Child();\n  ${init}\n}\n`;
    t.deepEqual(messagesFor(source), [], init);
    t.deepEqual(transpile(source).messages, [], `${init} (no checker)`);
  }
});

test("a tagged class whose base declares its teardown as a property (a field each instance carries, which would hide the generated teardown) is TS46005 at the class name; a method, an accessor, a declare or abstract property is fine", (t) => {
  const expected =
    "46005 3:7 @asyncInit class 'Db' gets '[Symbol.asyncDispose]' from 'Pool' as a property, which each instance carries: it would hide the generated teardown, so dispose would not wait for init. Declare it in 'Pool' as a method: 'async [Symbol.asyncDispose]() { … }'.";
  const field = `class Pool { [Symbol.asyncDispose] = async (): Promise<void> => {}; }\n/** @asyncInit */\nclass Db extends Pool { async init() {} }\n`;
  t.deepEqual(messagesFor(field), [expected]);
  t.deepEqual(transpile(field).messages, [expected], "without a checker, a base of the same file");
  // A field of any base, under a method of a nearer one (the field is on the instance, the method on a prototype).
  const under = `class Pool { [Symbol.asyncDispose] = async (): Promise<void> => {}; }\nclass Middle extends Pool { async [Symbol.asyncDispose](): Promise<void> {} }\n/** @asyncInit */\nclass Db extends Middle { async init() {} }\n`;
  t.regex(messagesFor(under)[0] ?? "", /^46005 4:7 .* from 'Pool' as a property/);
  t.regex(transpile(under).messages[0] ?? "", /^46005 4:7 .* from 'Pool' as a property/);
  // Another file's base, through the checker.
  const imported = pluginMessages(
    build({
      "pool.ts": `export class Pool {\n  [Symbol.asyncDispose] = async (): Promise<void> => {};\n}\n`,
      "main.ts": `import { Pool } from "./pool";\n/** @asyncInit */\nexport class Db extends Pool {\n  async init() {}\n}\n`,
    }).diagnostics,
  );
  t.deepEqual(imported, [expected.replace("3:7", "3:14")]);
  // Through a mixin's class (the checker's base is an intersection).
  const mixin = `class P {}\nconst Mix = <T extends new (...args: any[]) => object>(B: T) => class extends B { [Symbol.asyncDispose] = async (): Promise<void> => {}; };\n/** @asyncInit */\nclass Db extends Mix(P) { async init() {} }\n`;
  t.regex(messagesFor(mixin)[0] ?? "", /^46005 4:7 @asyncInit class 'Db' gets '\[Symbol\.asyncDispose\]' from '.*' as a property/);
  for (const fine of [
    `class Pool { async [Symbol.asyncDispose](): Promise<void> {} }`,
    `class Pool { get [Symbol.asyncDispose]() { return async (): Promise<void> => {}; } }`,
    `class Pool { declare [Symbol.asyncDispose]: () => Promise<void>; }`,
    `abstract class Pool { abstract [Symbol.asyncDispose]: () => Promise<void>; }`,
    `class Pool { static [Symbol.asyncDispose] = async (): Promise<void> => {}; }`,
    // On the prototype, not the instance.
    `class Pool { accessor [Symbol.asyncDispose] = async (): Promise<void> => {}; }`,
    // No value: a type only where fields are assigned (and where they are defined, await using refuses its undefined aloud).
    `class Pool { [Symbol.asyncDispose]?: () => Promise<void>; }`,
  ]) {
    const source = `${fine}\n/** @asyncInit */\nclass Db extends Pool { async init() {} }\n`;
    t.deepEqual(
      messagesFor(source).filter((m) => m.startsWith("46005")),
      [],
      fine,
    );
    t.deepEqual(transpile(source).messages, [], `${fine} (no checker)`);
  }
});

test("a tagged class that inherits a then is an error at the class name, like its own then", (t) => {
  const messages = messagesFor(
    `class Base {\n  then(resolve: (value: string) => void) { resolve("base"); }\n}\n/** @asyncInit */\nclass Db extends Base {\n  async init() {}\n}\n`,
  );
  t.is(messages.length, 1);
  t.regex(messages[0], /^46002 5:7 @asyncInit class 'Db' gets a 'then' from 'Base'\. The checker would type 'await new Db\(\)' by that 'then'/);
  t.regex(
    messagesFor(`class Base { then?: () => void; }\n/** @asyncInit */\nclass Db extends Base { async init() {} }\n`)[0] ?? "",
    /^46002 .* from 'Base'/,
    "an optional then property",
  );
  t.deepEqual(
    messagesFor(`/** @asyncInit */\nclass Base { async init() {} }\n/** @asyncInit */\nclass Db extends Base {}\n`),
    [],
    "the generated then of a tagged base is not in its type",
  );
  // Without a checker, the same for base classes of the same file, up their own extends.
  const sources = [
    `class Base {\n  then(resolve: (value: string) => void) { resolve("base"); }\n}\n/** @asyncInit */\nclass Db extends Base {\n  async init() {}\n}\n`,
    `class Base { then?: () => void; }\nclass Middle extends Base {}\n/** @asyncInit */\nclass Db extends Middle { async init() {} }\n`,
    `/** @asyncInit */\nclass Base { async init() {} }\n/** @asyncInit */\nclass Db extends Base {}\n`,
    `class Base { static then() {} }\n/** @asyncInit */\nclass Db extends Base { async init() {} }\n`,
    // Through a mixin, as the subclass check follows one (extends Memo(Base)).
    `class Base { then?: () => void; }\nconst Memo = <T extends new (...args: any[]) => object>(B: T) => class extends B {};\n/** @asyncInit */\nclass Db extends Memo(Base) { async init() {} }\n`,
  ];
  for (const source of sources) t.deepEqual(transpile(source).messages, messagesFor(source), source);
  t.regex(transpile(sources[1]).messages[0] ?? "", /^46002 4:7 .* from 'Base'/);
  t.regex(transpile(sources[4]).messages[0] ?? "", /^46002 4:7 .* from 'Base'/, "through a mixin");
  // A thenable class named in a mixin call's type argument is no base (a query builder, as Knex's).
  const typeArgument = `class Query { then(resolve: (rows: string[]) => void) { resolve([]); } }\nclass Base {}\ntype Ctor<T = object> = new (...args: any[]) => T;\nfunction WithQueries<Q, B extends Ctor>(Sup: B) { return class extends Sup { queries: Q[] = []; }; }\n/** @asyncInit */\nexport class Db extends WithQueries<Query, typeof Base>(Base) { async init() {} }\n`;
  t.deepEqual(transpile(typeArgument).messages, [], "a type argument");
  t.deepEqual(messagesFor(typeArgument), [], "a type argument (checker)");
});

test("a class without the tag that extends a tagged one and declares its own then is TS46002 at that then: it replaces the generated one, so init would not run", (t) => {
  const db = `/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n`;
  const sub = `class Cached extends Db {\n  then(done: (value: number) => void) { done(1); }\n}\n`;
  const expected = `46002 6:3 Class 'Cached' extends @asyncInit class 'Db' and declares its own 'then', which replaces the generated one: 'await new Cached()' and 'await using' of its instances would not run init. Rename this member.`;
  t.deepEqual(messagesFor(db + sub), [expected]);
  t.deepEqual(transpile(db + sub).messages, [expected], "without a checker, for a base class of the same file");

  // With a checker, wherever the tagged class is: another module, through a class between them.
  const imported = build({
    "db.ts": db,
    "main.ts": `import { Db } from "./db";\nclass Middle extends Db {}\nexport class Cached extends Middle {\n  then = () => 1;\n}\n`,
  });
  const own = imported.diagnostics.filter((d) => d.source === "ts-async-init");
  t.deepEqual(pluginMessages(own), [
    "46002 4:3 Class 'Cached' extends @asyncInit class 'Db' and declares its own 'then', which replaces the generated one: 'await new Cached()' and 'await using' of its instances would not run init. Rename this member.",
  ]);
  t.true(own[0].file.fileName.endsWith("main.ts"));
  const mixin = `${db}const Timestamped = <T extends new (...args: any[]) => object>(Base: T) => class extends Base { at = Date.now(); };\nclass Stamped extends Timestamped(Db) {\n  then() {}\n}\n`;
  const throughMixin = messagesFor(mixin);
  t.is(throughMixin.length, 1);
  t.regex(throughMixin[0], /^46002 7:3 Class 'Stamped' extends @asyncInit class 'Db' and declares its own 'then'/, "through a mixin");

  // A then that calls the generated one fails too, once init is done and the generated one is gone.
  const logged = `${db}class Logged extends Db {\n  then(ok?: any, fail?: any) { return (super.then as any)(ok, fail); }\n}\n`;
  t.regex(messagesFor(logged)[0] ?? "", /^46002 6:3 Class 'Logged' extends @asyncInit class 'Db'/);
  t.regex(transpile(logged).messages[0] ?? "", /^46002 6:3 Class 'Logged' extends @asyncInit class 'Db'/);
  // Without a checker, a tagged class of the file that the extends clause names, through a mixin's call too; a class expression goes by its name.
  const mixed = `${db}const Memo = <T extends new (...args: any[]) => object>(B: T) => class extends B {};\nconst Cached = class extends Memo(Db) {\n  then() {}\n};\n`;
  t.regex(transpile(mixed).messages[0] ?? "", /^46002 7:3 Class 'Cached' extends @asyncInit class 'Db' and declares its own 'then'/);
  t.deepEqual(messagesFor(mixed), transpile(mixed).messages);
  // With a checker, a then that a mixin between them declares: at the class, naming the mixin.
  const fromMixin = `${db}function WithThen<T extends new (...args: any[]) => object>(B: T) {\n  return class extends B { then(done: (v: number) => void) { done(42); } };\n}\nexport class Sub extends WithThen(Db) {}\n`;
  t.deepEqual(messagesFor(fromMixin), [
    "46002 8:14 Class 'Sub' extends @asyncInit class 'Db' and gets a 'then' from 'WithThen(…)', which replaces the generated one: 'await new Sub()' and 'await using' of its instances would not run init. Rename it in 'WithThen(…)', or do not extend it.",
  ]);
  // A tagged class that gets a then from a mixin names the mixin too.
  t.regex(
    messagesFor(fromMixin.replace("export class Sub", "/** @asyncInit */\nexport class Sub"))[0] ?? "",
    /^46002 9:14 @asyncInit class 'Sub' gets a 'then' from 'WithThen\(…\)'/,
  );

  // A static then, a base without the tag, a class that implements one: nothing to say.
  const fine = [
    `${db}class Named extends Db {\n  static then() {}\n}\n`,
    `class Base { async init() {} }\nclass Sub extends Base {\n  then() {}\n}\n`,
    `${db}class Other implements PromiseLike<number> {\n  then() { return undefined as any; }\n}\n`,
  ];
  for (const source of fine) {
    t.deepEqual(messagesFor(source), [], source);
    t.deepEqual(transpile(source).messages, [], `${source} (no checker)`);
  }
  // A tagged subclass's own then stays the tagged class's error.
  t.regex(
    messagesFor(`${db}/** @asyncInit */\nclass Sub extends Db {\n  then() {}\n}\n`)[0] ?? "",
    /^46002 7:3 @asyncInit class 'Sub' declares its own 'then'/,
  );
});

test("a tagged subclass whose init has another name than its tagged base's, and does not call it, is warning TS46014: the base's init would never run", (t) => {
  const db = `/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n`;
  const skipped = `${db}/** @asyncInit setup */\nclass Cached extends Db {\n  async setup() {}\n}\n`;
  const expected =
    "46014 7:9 @asyncInit class 'Cached' runs 'setup' as its init, and 'Db', the @asyncInit class it extends, runs 'init', which 'setup' does not call: the subclass's tag decides, so 'init' never runs for instances of 'Cached'. Call 'await super.init()' in 'setup'.";
  t.deepEqual(messagesFor(skipped), [expected]);
  t.deepEqual(transpile(skipped).messages, [expected], "without a checker");
  // Through an untagged class between them; with a checker, in another module.
  t.regex(
    transpile(`${db}class Middle extends Db {}\n/** @asyncInit start */\nclass Far extends Middle {\n  async start() {}\n}\n`).messages[0] ?? "",
    /^46014 8:9 .*'Far' runs 'start'.*'Db'/,
  );
  const other = build({
    "db.ts": db,
    "main.ts": `import { Db } from "./db";\n/** @asyncInit setup */\nexport class Cached extends Db {\n  async setup() {}\n}\n`,
  });
  const inOther = pluginMessages(other.diagnostics);
  t.is(inOther.length, 1);
  t.regex(inOther[0], /^46014 4:9 @asyncInit class 'Cached' runs 'setup' as its init, and 'Db'/);
  // It calls the base's init (through super or this), has the same init, or inherits its own: nothing to say.
  const fine = [
    `${db}/** @asyncInit setup */\nclass Cached extends Db {\n  async setup() { await super.init(); }\n}\n`,
    `${db}/** @asyncInit setup */\nclass Cached extends Db {\n  async setup() { await Promise.all([this.init(), 1]); }\n}\n`,
    `${db}/** @asyncInit */\nclass Cached extends Db {\n  async init() {}\n}\n`,
    `${db}class Base { async setup() {} }\n/** @asyncInit setup */\nclass Cached extends Base {}\n`,
  ];
  for (const source of fine) {
    t.deepEqual(messagesFor(source), [], source);
    t.deepEqual(transpile(source).messages, [], `${source} (no checker)`);
  }
});

test("a teardown declared as an accessor is an error, whatever its key", (t) => {
  const messages = messagesFor(`/** @asyncInit */\nclass Db {\n  async init() {}\n  get [Symbol.asyncDispose]() { return async () => {}; }\n}\n`);
  t.is(messages.length, 1);
  t.regex(messages[0], /^46005 4:3 '\[Symbol\.asyncDispose\]' of @asyncInit class 'Db' is not a method \(a property or an accessor\)/);
  t.regex(
    messagesFor(`const k = Symbol.asyncDispose;\n/** @asyncInit */\nclass Db {\n  async init() {}\n  get [k]() { return async () => {}; }\n}\n`)[0] ?? "",
    /^46005 5:3 /,
    "through an alias",
  );
});

test("a member whose key may or may not be Symbol.asyncDispose is an error; the class is emitted as written", (t) => {
  for (const type of ["symbol", "string | symbol", "any"]) {
    const built = build({ "main.ts": `declare const key: ${type};\n/** @asyncInit */\nexport class Db {\n  async init() {}\n  async [key]() {}\n}\n` });
    const messages = pluginMessages(built.diagnostics);
    t.is(messages.length, 1, type);
    t.regex(messages[0] ?? "", /^46020 5:9 The type of '\[key\]' in @asyncInit class 'Db' does not tell whether it is Symbol\.asyncDispose/, type);
    t.false(built.outputs["main.js"].includes("asyncInit_1"), `${type}: the class is emitted as written`);
  }
  const other = `const kState = Symbol("state");\ndeclare const label: string;\n/** @asyncInit */\nclass Db {\n  async init() {}\n  [kState]() {}\n  [label]() {}\n  [Symbol.iterator]() {}\n  ["literal"]() {}\n}\n`;
  t.deepEqual(messagesFor(other), [], "keys the checker can tell apart from Symbol.asyncDispose");
});

test('Symbol() and Symbol.for("name") keys are other keys, with and without a checker; Symbol.for("nodejs.asyncDispose") and Symbol.for("Symbol.asyncDispose") are an error in both', (t) => {
  const classWith = (key, before = "") => `${before}/** @asyncInit */\nexport class Db {\n  async init() {}\n  ${key}() { return "x"; }\n}\n`;
  const others = [
    classWith(`[Symbol.for("nodejs.util.inspect.custom")]`),
    classWith("[Symbol.for(`template`)]"),
    classWith(`[Symbol("x")]`),
    classWith(`[kInspect]`, `const kInspect = Symbol.for("nodejs.util.inspect.custom");\n`),
  ];
  for (const source of others) {
    const built = build({ "main.ts": source });
    t.deepEqual(pluginMessages(built.diagnostics), [], source);
    t.true(built.outputs["main.js"].includes("asyncInit_1.then(this"), `${source}: the class is rewritten`);
    const untyped = transpile(source);
    t.deepEqual(untyped.messages, [], `${source} (no checker)`);
    t.true(untyped.outputText.includes("asyncInit_1.then(this"), `${source} (no checker): the class is rewritten`);
  }
  // Symbol.for("nodejs.asyncDispose") is Symbol.asyncDispose on Node 18-22: the generated dispose would
  // replace that teardown there. Written out, or in a const of the file, syntax alone tells it.
  /** @type {[string, number][]} */
  const nodeDispose = [
    [classWith(`[Symbol.for("nodejs.asyncDispose")]`), 46020],
    [classWith(`[k]`, `const k = Symbol.for("nodejs.asyncDispose");\n`), 46020],
    [classWith(`[Symbol.for(name)]`, `const name = "nodejs" + ".asyncDispose";\n`), 46021],
    // The key of the README's polyfill (and of esbuild's and oxc's helpers where Symbol.asyncDispose is missing).
    [classWith(`[Symbol.for("Symbol.asyncDispose")]`), 46020],
  ];
  for (const [source, withoutChecker] of nodeDispose) {
    const built = build({ "main.ts": source });
    // What the message says: the key is Symbol.asyncDispose there (the syntax tells), or its type does not tell.
    const why =
      withoutChecker === 46020
        ? /^46020 \d+:3 '\[.*\]' in @asyncInit class 'Db' is Symbol\.asyncDispose where the code may run \(Node\.js 18 to 22 define it as Symbol\.for\("nodejs\.asyncDispose"\), polyfills as Symbol\.for\("Symbol\.asyncDispose"\)\)/
        : /^46020 \d+:3 The type of '\[.*\]' in @asyncInit class 'Db' does not tell whether it is Symbol\.asyncDispose/;
    t.regex(pluginMessages(built.diagnostics)[0] ?? "", why, source);
    t.false(built.outputs["main.js"].includes("asyncInit_1"), `${source}: the class is emitted as written`);
    const untyped = transpile(source);
    t.deepEqual(
      untyped.messages.map((m) => m.slice(0, 5)),
      [String(withoutChecker)],
      `${source} (no checker)`,
    );
    if (withoutChecker === 46020) t.false(untyped.outputText.includes("asyncInit_1"), `${source} (no checker): the class is emitted as written`);
  }
});

test("a library's own unique symbol named asyncDispose (@esfx/disposable's AsyncDisposable.asyncDispose, Symbol.asyncDispose when it runs) is an error with a checker, a warning without; another library's unique symbol is another key", (t) => {
  const declared = "declare namespace AsyncDisposable { const asyncDispose: unique symbol; }\ndeclare namespace inspect { const custom: unique symbol; }\n";
  const classWith = (key) => `${declared}/** @asyncInit */\nexport class Db {\n  async init() {}\n  async ${key}() {}\n}\n`;
  const esfx = build({ "main.ts": classWith("[AsyncDisposable.asyncDispose]") });
  t.regex(
    pluginMessages(esfx.diagnostics)[0] ?? "",
    /^46020 6:9 The type of '\[AsyncDisposable\.asyncDispose\]' in @asyncInit class 'Db' does not tell whether it is Symbol\.asyncDispose/,
  );
  t.false(esfx.outputs["main.js"].includes("asyncInit_1"), "the class is emitted as written: the generated dispose would replace that teardown");
  t.deepEqual(
    transpile(classWith("[AsyncDisposable.asyncDispose]")).messages.map((m) => m.slice(0, 5)),
    ["46021"],
  );
  const other = build({ "main.ts": classWith("[inspect.custom]") });
  t.deepEqual(pluginMessages(other.diagnostics), []);
  t.true(other.outputs["main.js"].includes("asyncInit_1.then(this"), "rewritten");
});

test("without a type checker: a key of the same file is followed; one from elsewhere is a warning and taken for another key", (t) => {
  const local = transpile(
    `const k = Symbol.asyncDispose;\nconst kState = Symbol("state");\n/** @asyncInit */\nexport class Db {\n  async init() {}\n  [kState]() {}\n  async [k]() {}\n}\n`,
  );
  t.deepEqual(pluginMessages(local.diagnostics), []);
  t.true(local.outputText.includes("[k]() {\n        return asyncInit_1.dispose(this, void 0, async () => { });"), local.outputText);
  t.false(local.outputText.includes("[asyncInit_1.asyncDispose]()"), "no generated dispose beside the user's");
  const imported = transpile(`import { kDispose } from "./keys";\n/** @asyncInit */\nexport class Db {\n  async init() {}\n  async [kDispose]() {}\n}\n`);
  const messages = pluginMessages(imported.diagnostics);
  t.is(messages.length, 1);
  t.regex(
    messages[0],
    /^46021 5:9 Without type information, ts-async-init cannot tell whether '\[kDispose\]' in @asyncInit class 'Db' is Symbol\.asyncDispose/,
  );
  t.is(imported.diagnostics[0].category, ts.DiagnosticCategory.Warning);
  t.true(imported.outputText.includes("asyncInit_1.then(this"), "the class is still rewritten");
});

test("without a type checker: a key whose nearest declaration is not that const (a destructured const, a parameter, a loop's or a catch's variable, an import) is not taken for Symbol.asyncDispose", (t) => {
  const classWith = (key) => `/** @asyncInit */ class Conn { async init() {} [${key}]() { return "closed"; } }`;
  const shadows = [
    `const { key } = names;\n  ${classWith("key")}`,
    `const [, key] = list;\n  ${classWith("key")}`,
    `for (const key of list) { ${classWith("key")} }`,
    `try {} catch ({ key }) { ${classWith("key")} }`,
  ];
  for (const inner of shadows) {
    const source = `const key = Symbol.asyncDispose;\ndeclare const names: { key: string };\ndeclare const list: string[];\nexport function f() {\n  ${inner}\n}\n`;
    const { outputText, messages } = transpile(source);
    t.true(outputText.includes("[asyncInit_1.asyncDispose]()"), `${inner}: the generated teardown is there`);
    t.false(outputText.includes("dispose(this, void 0, async"), `${inner}: the member is not wrapped as the teardown`);
    t.deepEqual(
      messages.map((m) => m.slice(0, 5)),
      ["46021"],
      inner,
    );
  }
  // A var hoisted from a nested statement of the function.
  const hoisted = `const key = Symbol.asyncDispose;\nexport function f() {\n  for (var key in { close: 1 }) {}\n  ${classWith("key")}\n}\n`;
  t.true(transpile(hoisted).outputText.includes("[asyncInit_1.asyncDispose]()"), "a hoisted var");
  // A var hoisted in a class's static block; a namespace's var is its own (the outer const is followed from outside it).
  const inStaticBlock = `const key = Symbol.asyncDispose;\nexport class Holder {\n  static {\n    if (Math.random() > 2) { var key = "close"; }\n    ${classWith("key")}\n  }\n}\n`;
  t.true(transpile(inStaticBlock).outputText.includes("[asyncInit_1.asyncDispose]()"), "a var hoisted in a static block");
  const nestedNamespace = `const key = Symbol.asyncDispose;\nnamespace N {\n  namespace M { var key = 1; }\n  ${classWith("key")}\n}\nexport {};\n`;
  t.deepEqual(transpile(nestedNamespace).messages, [], "a nested namespace's var");
  t.false(transpile(nestedNamespace).outputText.includes("[asyncInit_1.asyncDispose]()"), "a nested namespace's var: the const is followed");
  // Another declaration of the same namespace that exports the name: not the outer const.
  const merged = `const key = Symbol.iterator;\nnamespace N { export const key = Symbol.asyncDispose; }\nnamespace N {\n  ${classWith("key")}\n}\nexport {};\n`;
  t.deepEqual(
    transpile(merged).messages.map((m) => m.slice(0, 5)),
    ["46021"],
    "a merged namespace's export",
  );
  // What binds no value is passed over: the const is followed.
  for (const typeOnly of ["namespace key { export type T = string; }", 'import type { key } from "./keys";']) {
    const source = `${typeOnly}\nconst key = Symbol.asyncDispose;\n${classWith("key")}\nexport {};\n`;
    const { outputText, messages } = transpile(source);
    t.deepEqual(messages, [], typeOnly);
    t.false(outputText.includes("[asyncInit_1.asyncDispose]()"), `${typeOnly}: the member is the teardown`);
  }
  const parameter = `const key = Symbol.asyncDispose;\nexport function f({ key }: { key: string }) {\n  ${classWith("key")}\n}\n`;
  t.true(transpile(parameter).outputText.includes("[asyncInit_1.asyncDispose]()"), "a destructured parameter");
  const imported = `import { key } from "./keys";\nexport function f() {\n  const other = Symbol.asyncDispose;\n  ${classWith("key")}\n}\n`;
  t.true(transpile(imported).outputText.includes("[asyncInit_1.asyncDispose]()"), "an import");
  // The const itself, through the same scopes, is still followed.
  const followed = `const key = Symbol.asyncDispose;\nexport function f() {\n  ${classWith("key")}\n}\n`;
  t.false(transpile(followed).outputText.includes("[asyncInit_1.asyncDispose]()"), "the outer const");
});

test("without a type checker, run: a member keyed by a name that a nearer declaration rebinds (a hoisted var, a parameter) is an ordinary method, and the generated teardown disposes the instance", (t) => {
  const program = (inner) => `const log: string[] = [];
const key: symbol = Symbol.asyncDispose;
function make(names: { key: string }) {
  ${inner}
  /** @asyncInit */
  class Conn {
    async init() { log.push("init"); }
    async [key]() { log.push("method"); }
  }
  return Conn;
}
const Conn = make({ key: "close" });
{
  await using conn = new Conn();
  log.push("body");
}
log.push(typeof (new Conn() as any).close);
console.log(log.join(" "));
export {};
`;
  for (const inner of ["for (var key in { close: 1 }) {}", "const { key } = names;"]) {
    const dir = tempDir("ts-async-init-shadowed-key-");
    writeFileSync(join(dir, "main.mjs"), transpile(program(inner)).outputText);
    t.is(runNode(join(dir, "main.mjs")).output, "init body function\n", inner);
  }
});

test("a member keyed by a const of the file that holds its name counts as that name, with and without a checker: init is found, a then is TS46002", (t) => {
  const init = `const k = "init";\n/** @asyncInit */\nexport class C {\n  async [k]() {}\n}\n`;
  t.deepEqual(messagesFor(init), []);
  t.deepEqual(transpile(init).messages, [], "no checker");
  const then = `const k = "then" as const;\n/** @asyncInit */\nexport class B {\n  async init() {}\n  [k]() {}\n}\n`;
  t.deepEqual(
    messagesFor(then).map((m) => m.slice(0, 9)),
    ["46002 5:3"],
  );
  t.deepEqual(
    transpile(then).messages.map((m) => m.slice(0, 9)),
    ["46002 5:3"],
    "no checker",
  );
});

/** The emitted `main` function of a build's main.js: what the plugin made of the sites in it. */
const mainFunction = (built) => /export async function main[\s\S]*?\n\}\n/.exec(built.outputs["main.js"])?.[0];

test("with a checker, an await using with a binding pattern is TypeScript's TS1492 only, and is left as written (the plugin does not fail)", (t) => {
  const sources = [
    `export async function main(x: AsyncDisposable) {\n  await using { a } = x as any;\n}\n/** @asyncInit */\nexport class P { async init() {} }\n`,
    `/** @asyncInit */\nexport class P { async init() {} }\nexport async function main(x: any) {\n  await using { b } = x, c = new P();\n}\n`,
    `/** @asyncInit */\nexport class P { async init() {} }\nexport async function main(x: any) {\n  for (await using { d } = x; ; ) break;\n}\n`,
  ];
  const compilerOptions = { target: "ESNext", module: "ESNext" };
  for (const source of sources) {
    const built = build({ "main.ts": source }, { compilerOptions });
    t.deepEqual(pluginMessages(built.diagnostics), [], source);
    t.deepEqual(built.diagnostics.filter((d) => d.code === 1492).length, 1, format(built.diagnostics));
    t.is(mainFunction(built), mainFunction(build({ "main.ts": source }, { compilerOptions, plugin: false })), `${source}: left as written`);
  }
});

/** `await using` sites TypeScript's checker refuses, other than a binding pattern: outside an async function, in a static block, named await, without a value. */
const REFUSED_AWAIT_USING = [
  "export function handler() {\n  await using db = new P();\n}",
  "export async function f() {\n  function inner() { await using r = x; }\n  const g = () => { await using s = new P(); };\n}",
  "export class C {\n  m() { await using r = x; }\n  static {\n    await using s = new P();\n  }\n}",
  "export function f() { for (await using a of xs) {} }",
  "export async function f() {\n  await using await = new P();\n  for (await using await of xs) {}\n}",
  "await using await = new P();",
  "export async function f() {\n  await using a = new P(), b;\n}",
  "export function f() { await using a = x, b; }",
  "export async function f() { for (await using a = new P(), b; ; ) break; }",
];
const withTaggedClass = (site) => `/** @asyncInit */\nexport class P { async init() {} }\ndeclare const x: any, xs: P[];\n${site}\n`;
/** A diagnostic's code, place and words, to compare TypeScript's with the plugin's. */
const described = (d) => {
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${d.code} ${line + 1}:${character + 1} (${d.length}) ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
};
const GRAMMAR_CODES = [2852, 18054, 1359, 1262, 1155];
/** What the rewrite of one of these sites would call (the plumbing's comments mention `x_1`). */
const REWRITTEN_SITE = /asyncInit_1\.(pending|ready)\((new P\(\)|(db|r|s|a|b|await)_1)\)/;

test("without a checker, an await using TypeScript's checker refuses gets the checker's own errors (code, place, words) and is left as written", (t) => {
  for (const site of REFUSED_AWAIT_USING) {
    const source = withTaggedClass(site);
    const checked = build({ "main.ts": source }, { compilerOptions: { target: "ESNext", module: "ESNext" } });
    const expected = checked.diagnostics.filter((d) => d.source !== "ts-async-init" && GRAMMAR_CODES.includes(d.code)).map(described);
    t.true(expected.length > 0, site);
    const { outputText, diagnostics } = transpile(source);
    t.deepEqual(diagnostics.map(described), expected, site);
    t.true(
      diagnostics.every((d) => d.category === ts.DiagnosticCategory.Error),
      site,
    );
    t.notRegex(outputText, REWRITTEN_SITE, `${site}: left as written`);
  }
});

test("with a checker, an await using TypeScript refuses is TypeScript's error only, and is left as written", (t) => {
  for (const site of REFUSED_AWAIT_USING) {
    const built = build({ "main.ts": withTaggedClass(site) }, { compilerOptions: { target: "ESNext", module: "ESNext" } });
    t.deepEqual(pluginMessages(built.diagnostics), [], site);
    t.true(
      built.diagnostics.some((d) => GRAMMAR_CODES.includes(d.code)),
      site,
    );
    t.notRegex(built.outputs["main.js"], REWRITTEN_SITE, `${site}: left as written`);
  }
  // The same sites in an async function are rewritten.
  const built = build(
    { "main.ts": withTaggedClass("export async function f() {\n  await using a = new P(), b = x;\n}") },
    { compilerOptions: { target: "ESNext", module: "ESNext" } },
  );
  t.deepEqual(pluginMessages(built.diagnostics), []);
  t.regex(built.outputs["main.js"], /await asyncInit_1\.ready\(new P\(\)\)/);
  t.regex(built.outputs["main.js"], /asyncInit_1\.pending\(b_1\)/);
});

test("a then declared as a type alone (declare then: undefined) emits nothing, so it is not TS46002, and the instance still runs init when awaited", (t) => {
  const source = [
    "/** @asyncInit */",
    "export class Db {",
    "  declare then: undefined;",
    "  ready = false;",
    "  async init() { this.ready = true; }",
    "}",
    "class Cached extends Db {",
    "  declare then?: never;",
    "}",
    "void (async () => {",
    "  const db = await new Db();",
    "  const cached = await new Cached();",
    "  console.log(db.ready, cached.ready);",
    "})();",
    "",
  ].join("\n");
  const built = build({ "main.ts": source });
  t.deepEqual(pluginMessages(built.diagnostics), []);
  t.deepEqual(transpile(source).messages, [], "without a checker");
  t.is(runNode(join(built.outDir, "main.js")).output, "true true\n");
  // A then field that is emitted (no declare) or a declared then of another type is still TS46002.
  t.regex(messagesFor(source.replace("declare then: undefined", "then: undefined"))[0] ?? "", /^46002 3:3 @asyncInit class 'Db' declares its own 'then'/);
  t.regex(messagesFor(source.replace("declare then: undefined", "declare then: () => void"))[0] ?? "", /^46002 3:3 /);
  t.regex(messagesFor(source.replace("declare then?: never", "then = undefined"))[0] ?? "", /^46002 8:3 Class 'Cached' extends @asyncInit class 'Db'/);
});

test("a then that a declaration file declares (Promise's) is not the user's to rename: TS46002 says not to extend it", (t) => {
  const source = `/** @asyncInit */\nexport class Job extends Promise<void> {\n  async init() {}\n}\n`;
  t.deepEqual(messagesFor(source), [
    "46002 2:14 @asyncInit class 'Job' gets a 'then' from 'Promise'. The checker would type 'await new Job()' by that 'then', while the generated one yields the instance; do not extend 'Promise': a declaration file declares that 'then'.",
  ]);
});
