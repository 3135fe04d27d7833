import type * as ts from "typescript";

/** What to install instead of an unsupported TypeScript; the README's "TypeScript versions" says the same. */
const SUPPORTED_TYPESCRIPT =
  "It supports TypeScript 5.2 to 6.x with ts-patch (tested: every 5.x from 5.2, and 6.0). Install one next to it: 'npm install --save-dev typescript@5.9 ts-patch@3.3' (or 'typescript@6.0 ts-patch@4' on Node.js 22.15 and later).";

/** TypeScript's `DiagnosticCategory` values, which never change; read here so that an unusable TypeScript can still be told what is wrong. */
const CATEGORY = { Warning: 0, Error: 1 } as const;

/**
 * Every diagnostic this transformer reports. `tspc` prints them as
 * `file(line,col): error TS<code>: <text>`; the README lists them all.
 */
export const Diagnostics = {
  missingInit: {
    code: 46001,
    category: "Error",
    text: (cls: string, name: string, asyncMethod?: string) =>
      `@asyncInit class '${cls}' has no method '${name}'. Declare 'async ${name}() { … }', or name the init method in the tag: '@asyncInit ${asyncMethod ?? (name === "setup" ? "open" : "setup")}'.`,
  },
  missingNamedInit: {
    code: 46001,
    category: "Error",
    text: (cls: string, name: string) =>
      `@asyncInit class '${cls}' has no method '${name}', which its tag names ('@asyncInit ${name}'). Declare 'async ${name}() { … }'; or, where the comment only mentions the tag ('uses @asyncInit ${name} …'), write it in backticks: \`@asyncInit\`.`,
  },
  staticInit: {
    code: 46001,
    category: "Error",
    text: (cls: string, name: string) => `'${name}' of @asyncInit class '${cls}' is static. Make it an instance method: it runs once for each instance.`,
  },
  initNotMethod: {
    code: 46001,
    category: "Error",
    text: (cls: string, name: string) => `'${name}' of @asyncInit class '${cls}' is not a method. Declare it as a method: 'async ${name}() { … }'.`,
  },
  ownThen: {
    code: 46002,
    category: "Error",
    text: (cls: string) => `@asyncInit class '${cls}' declares its own 'then'. The generated 'then' makes instances awaitable; rename this member.`,
  },
  initParameterNotGiven: {
    code: 46001,
    category: "Error",
    text: (cls: string, name: string, parameter: string) =>
      `'${name}' of @asyncInit class '${cls}' takes '${parameter}', but it is called with one argument only: the AbortSignal that dispose aborts. Take no parameter, or 'signal?: AbortSignal'; hand other values to the constructor.`,
  },
  initGenerator: {
    code: 46001,
    category: "Error",
    text: (cls: string, name: string) =>
      `'${name}' of @asyncInit class '${cls}' is a generator: calling it runs none of its body. Declare it 'async ${name}() { … }'.`,
  },
  inheritedThen: {
    code: 46002,
    category: "Error",
    text: (cls: string, from: string, fromLibrary = false) =>
      `@asyncInit class '${cls}' gets a 'then' from '${from}'. The checker would type 'await new ${cls}()' by that 'then', while the generated one yields the instance; ${renameOrLeave(from, fromLibrary)}.`,
  },
  thenOverridesGenerated: {
    code: 46002,
    category: "Error",
    text: (cls: string, from: string) =>
      `Class '${cls}' extends @asyncInit class '${from}' and declares its own 'then', which replaces the generated one: 'await new ${cls}()' and 'await using' of its instances would not run init. Rename this member.`,
  },
  thenOverridesGeneratedFrom: {
    code: 46002,
    category: "Error",
    text: (cls: string, from: string, between: string, fromLibrary = false) =>
      `Class '${cls}' extends @asyncInit class '${from}' and gets a 'then' from '${between}', which replaces the generated one: 'await new ${cls}()' and 'await using' of its instances would not run init. ${capitalized(renameOrLeave(between, fromLibrary))}.`,
  },
  baseInitSkipped: {
    code: 46014,
    category: "Warning",
    text: (cls: string, name: string, base: string, baseName: string) =>
      `@asyncInit class '${cls}' runs '${name}' as its init, and '${base}', the @asyncInit class it extends, runs '${baseName}', which '${name}' does not call: the subclass's tag decides, so '${baseName}' never runs for instances of '${cls}'. Call 'await super.${baseName}()' in '${name}'.`,
  },
  notAClass: {
    code: 46003,
    category: "Warning",
    text: () =>
      `@asyncInit only applies to a class, and this comment is not directly before one: it is ignored. Move it to the JSDoc block right before 'class'.`,
  },
  tagMiscased: {
    code: 46003,
    category: "Warning",
    text: (written: string) =>
      `'${written}' is not the tag '@asyncInit'${/^@asyncinit$/i.test(written) ? " (tags are case-sensitive)" : ""}: it is ignored, and the class is not rewritten. Write '@asyncInit'.`,
  },
  tagNotInJsDoc: {
    code: 46003,
    category: "Warning",
    text: (written: string) =>
      `'${written}' is in a comment that is not a JSDoc block, which holds no tag: it is ignored, and the class is not rewritten. Write the tag in a JSDoc block: '/** @asyncInit */'.`,
  },
  badName: {
    code: 46004,
    category: "Error",
    text: (name: string, written = `@asyncInit ${name}`) =>
      `'${name}' in '${written}' is not an identifier. Write the name of the init method, e.g. '@asyncInit setup'.`,
  },
  reservedName: {
    code: 46004,
    category: "Error",
    text: (name: string, written: string, why: string) =>
      `'${name}' in '${written}' cannot name the init method: ${why}. Write the name of another method, e.g. '@asyncInit setup'.`,
  },
  conflictingTags: {
    code: 46004,
    category: "Error",
    text: (cls: string, written: string) =>
      `@asyncInit class '${cls}' has tags that name different init methods (${written}), and which one is meant is not known. Keep one tag.`,
  },
  teardownNotMethod: {
    code: 46005,
    category: "Error",
    text: (cls: string) =>
      `'[Symbol.asyncDispose]' of @asyncInit class '${cls}' is not a method (a property or an accessor). Declare it as a method, 'async [Symbol.asyncDispose]() { … }', so that dispose can wait for init; to give its type only, write 'declare' before it.`,
  },
  inheritedTeardownProperty: {
    code: 46005,
    category: "Error",
    text: (cls: string, from: string) =>
      `@asyncInit class '${cls}' gets '[Symbol.asyncDispose]' from '${from}' as a property, which each instance carries: it would hide the generated teardown, so dispose would not wait for init. Declare it in '${from}' as a method: 'async [Symbol.asyncDispose]() { … }'.`,
  },
  teardownGenerator: {
    code: 46005,
    category: "Error",
    text: (cls: string) =>
      `'[Symbol.asyncDispose]' of @asyncInit class '${cls}' is a generator: calling it runs none of its body. Declare it 'async [Symbol.asyncDispose]() { … }'.`,
  },
  initReturnsInstance: {
    code: 46007,
    category: "Error",
    text: (cls: string, name: string) =>
      `'${name}' of @asyncInit class '${cls}' resolves with the instance itself, so its promise would wait for '${name}' to finish and never settle. Return nothing: 'await' already yields the instance.`,
  },
  teardownKeyUnknown: {
    code: 46020,
    category: "Error",
    text: (cls: string, name: string) =>
      `The type of '${name}' in @asyncInit class '${cls}' does not tell whether it is Symbol.asyncDispose, so the generated dispose could replace this member. Write '[Symbol.asyncDispose]' for the teardown; for another key, give it a type that tells (a 'unique symbol' of another name than asyncDispose, a string).`,
  },
  teardownKeyRegistry: {
    code: 46020,
    category: "Error",
    text: (cls: string, name: string) =>
      `'${name}' in @asyncInit class '${cls}' is Symbol.asyncDispose where the code may run (Node.js 18 to 22 define it as Symbol.for("nodejs.asyncDispose"), polyfills as Symbol.for("Symbol.asyncDispose")), so the generated dispose could replace this member, and it would never run. Write '[Symbol.asyncDispose]' for the teardown.`,
  },
  teardownKeyUnseen: {
    code: 46021,
    category: "Warning",
    text: (cls: string, name: string) =>
      `Without type information, ts-async-init cannot tell whether '${name}' in @asyncInit class '${cls}' is Symbol.asyncDispose; it takes it for another key (if it is Symbol.asyncDispose, the method runs as written, not waiting for init). If it is the teardown, write '[Symbol.asyncDispose]', or compile with a type checker.`,
  },
  loopHeadUnchecked: {
    code: 46022,
    category: "Warning",
    text: (name: string) =>
      `'${name}' is not awaited on entry if it is an @asyncInit instance: its value is tested when it runs (there is no type checker, or its type does not say), and only the first 'await using' of a 'for (…; …; …)' head can be. Declare it in the loop body, or, with a type checker, give it its class's type.`,
  },
  awaitUsingLoweredInLoop: {
    code: 46023,
    category: "Warning",
    text: (tool: string) =>
      `${tool} lowers this 'await using' wrongly in a loop that catches its errors: once a pass's block has thrown, each later pass throws that error again when its block ends (${tool}'s own lowering, with or without ts-async-init). Move the block into a function that each pass calls, or build for a target that keeps 'await using'.`,
  },
  awaitUsingLeftInForHead: {
    code: 46024,
    category: "Warning",
    text: (tool: string) =>
      `${tool} leaves an 'await using' in a 'for (…; …; …)' head as written, where it lowers every other one: the output runs only where 'await using' is JavaScript (Node.js 24 and later), and elsewhere fails with a SyntaxError that quotes the rewritten line (with or without ts-async-init). Declare it in the loop body, or build for a runtime that has 'await using'.`,
  },
  // TypeScript's own grammar errors of an `await using` that the rewrite cannot take, said where there is no
  // checker to say them (the text back end): its codes and words.
  awaitUsingPattern: {
    code: 1492,
    category: "Error",
    text: () => `'await using' declarations may not have binding patterns.`,
  },
  awaitUsingOutsideBlock: {
    code: 1156,
    category: "Error",
    text: () => `'await using' declarations can only be declared inside a block.`,
  },
  awaitUsingInCaseClause: {
    code: 1548,
    category: "Error",
    text: () => `'await using' declarations are not allowed in 'case' or 'default' clauses unless contained within a block.`,
  },
  awaitUsingNotAsync: {
    code: 2852,
    category: "Error",
    text: () => `'await using' statements are only allowed within async functions and at the top levels of modules.`,
  },
  awaitUsingInStaticBlock: {
    code: 18054,
    category: "Error",
    text: () => `'await using' statements cannot be used inside a class static block.`,
  },
  awaitUsingNamedAwait: {
    code: 1359,
    category: "Error",
    text: () => `Identifier expected. 'await' is a reserved word that cannot be used here.`,
  },
  awaitUsingNamedAwaitAtTopLevel: {
    code: 1262,
    category: "Error",
    text: () => `Identifier expected. 'await' is a reserved word at the top-level of a module.`,
  },
  awaitUsingNotInitialized: {
    code: 1155,
    category: "Error",
    text: () => `'await using' declarations must be initialized.`,
  },
  badOption: {
    code: 46006,
    category: "Error",
    text: (option: string, value: unknown, expected: string) => `ts-async-init: plugin option '${option}' is ${written(value)}; it must be ${expected}.`,
  },
  unknownOption: {
    code: 46006,
    category: "Error",
    text: (option: string, known: readonly string[]) => `ts-async-init: unknown plugin option '${option}'. The plugin's options are ${listed(known)}.`,
  },
  globBesideWorkingDir: {
    code: 46006,
    category: "Error",
    text: (option: string, glob: string, cwd: string, absWorkingDir: string) =>
      `ts-async-init: plugin option '${option}' holds the relative glob '${glob}', which is taken from the working directory (${cwd}), and this build's absWorkingDir is ${absWorkingDir}, where the folder it names is: it matches none of the build's modules. Write it from absWorkingDir (path.join(absWorkingDir, ${JSON.stringify(glob)})), or as a regular expression.`,
  },
  badOptions: {
    code: 46006,
    category: "Error",
    text: (value: unknown) =>
      `ts-async-init: the plugin's options are ${written(value)}; they must be an object of options, e.g. { initMethod: "setup" }, or left out.`,
  },
  entryOptionsFirst: {
    code: 46010,
    category: "Error",
    text: (value: unknown) =>
      `ts-async-init's main entry takes (program, options), and was handed ${written(value)} as its program. Pass the options second: tsAsyncInit(program, { initMethod: "setup" }), or tsAsyncInit(undefined, { initMethod: "setup" }) without a program. In a bundler's config, use its own entry: ts-async-init/vite, ts-async-init/rolldown, ts-async-init/rollup, ts-async-init/esbuild, ts-async-init/webpack, ts-async-init/rspack or ts-async-init/bun.`,
  },
  entryNotCalled: {
    code: 46010,
    category: "Error",
    text: () =>
      `ts-async-init's main entry makes the transformer, and was handed to TypeScript as the transformer itself. Call it: before: [tsAsyncInit()] (or tsAsyncInit(program)), not before: [tsAsyncInit].`,
  },
  entryNotBundlerPlugin: {
    code: 46010,
    category: "Error",
    text: () =>
      `ts-async-init's main entry is a TypeScript transformer (tsconfig.json's plugins with tspc, ts-loader, ts-jest…), and was used as a plugin of another tool. A bundler takes its own entry: ts-async-init/vite, ts-async-init/rolldown, ts-async-init/rollup, ts-async-init/esbuild, ts-async-init/webpack, ts-async-init/rspack or ts-async-init/bun.`,
  },
  entryPreloaded: {
    code: 46010,
    category: "Error",
    text: () =>
      `ts-async-init's main entry is a TypeScript transformer, and was loaded into Node.js with --import or --require, where it rewrites nothing. Load the hook that rewrites each file as Node.js loads it: node --import ts-async-init/register app.ts`,
  },
  bundlerEntryAsTransformer: {
    code: 46010,
    category: "Error",
    text: (entry: string) =>
      `${entry} is a bundler's plugin, and was loaded as a TypeScript transformer (tsconfig.json's plugins, or a tool's transformers option). Name the main entry there: { "transform": "ts-async-init", "transformProgram": true }.`,
  },
  notTsJestTransformer: {
    code: 46010,
    category: "Error",
    text: (entry: string) =>
      `${entry} was named in ts-jest's astTransformers, which take an entry made for ts-jest. Name it there: astTransformers: { before: ["ts-async-init/ts-jest"] }.`,
  },
  tsJestSlot: {
    code: 46010,
    category: "Error",
    text: (slot: string) =>
      `ts-async-init/ts-jest was named in ts-jest's astTransformers.${slot}, where it would rewrite nothing (or write TypeScript into the JavaScript). Name it in before: astTransformers: { before: ["ts-async-init/ts-jest"] }.`,
  },
  rspackEntryInWebpack: {
    code: 46010,
    category: "Error",
    text: () => "ts-async-init/rspack is Rspack's plugin, and webpack was handed it. In webpack.config.js, use ts-async-init/webpack.",
  },
  bundlerEntryNotCalled: {
    code: 46010,
    category: "Error",
    text: (entry: string) =>
      `${entry} makes the bundler's plugin, and was handed to the bundler itself, uncalled. Call it: plugins: [tsAsyncInit()], not plugins: [tsAsyncInit].`,
  },
  componentScriptUnseen: {
    code: 46011,
    category: "Error",
    text: (block: string, compiler: string) =>
      `ts-async-init never sees the TypeScript of this component's ${block}: ${compiler} strips its types itself, so a tagged class in it would not be rewritten, and its \`await using\` would not await a tagged instance on entry. Move them to a .ts module that the component imports.`,
  },
  componentAwaitUsingUnseen: {
    code: 46011,
    category: "Warning",
    text: (block: string, compiler: string) =>
      `ts-async-init never sees the TypeScript of this component's ${block}: ${compiler} strips its types itself, so its \`await using\` is not tested when it runs, and would not await an @asyncInit instance on entry. If it may hold one, move it to a .ts module that the component imports.`,
  },
  pluginStripsFirst: {
    code: 46011,
    category: "Error",
    text: (plugin: string, fix: string) =>
      `ts-async-init never sees the TypeScript of the modules: the plugin '${plugin}' compiles them to JavaScript first, so a tagged class would not be rewritten, and \`await using\` would not await a tagged instance on entry. ${fix}`,
  },
  pluginLoadsItself: {
    code: 46011,
    category: "Warning",
    text: (plugin: string, fix: string) =>
      `the plugin '${plugin}' loads TypeScript files itself, and esbuild hands each file to one plugin only: a file it takes, ts-async-init never sees (a tagged class there would not be rewritten), and a file ts-async-init takes, it never sees. ${fix}`,
  },
  nativeImportInVitest: {
    code: 46011,
    category: "Error",
    text: () =>
      `ts-async-init never sees the TypeScript of the modules: vitest's \`experimental.viteModuleRunner: false\` runs them with Node.js's own \`import\`, which calls no Vite plugin, so a tagged class would not be rewritten, and \`await using\` would not await a tagged instance on entry. Load them through this package's hook, \`test: { execArgv: ["--require", "ts-async-init/register"] }\` (Node.js 22.18 or later), or leave viteModuleRunner on.`,
  },
  moduleCompiledFirst: {
    code: 46011,
    category: "Error",
    text: (how: string) =>
      `ts-async-init never sees the TypeScript of this module: it came ${how}. Its @asyncInit classes would run as written, and their init never.`,
  },
  tagLostInDeclarations: {
    code: 46012,
    category: "Warning",
    text: (cls: string) =>
      `'removeComments' leaves the @asyncInit tag of '${cls}' out of its .d.ts: code compiled against that .d.ts (a project that references this one, a library's users) does not know '${cls}' is tagged, and leaves its \`await using\` of a '${cls}' as written, so init never runs there. Set "removeComments": false, or emit the declarations in a build of their own without it.`,
  },
  tagLostOnClassExpression: {
    code: 46013,
    category: "Warning",
    text: (name: string) =>
      `'${name}' is an @asyncInit class expression that the module exports: its .d.ts declares '${name}' as a value of an object type, which has no place for the tag, so code compiled against that .d.ts (a project that references this one, a library's users) leaves its \`await using\` of a '${name}' as written, and init never runs there. Export a class declaration: 'export class ${name} { … }'.`,
  },
  instancesLeaveUnnamed: {
    code: 46015,
    category: "Warning",
    text: (cls: string, name: string) =>
      `Instances of @asyncInit class '${cls}' leave this module through '${name}', whose .d.ts writes their type out as an object type, without '${cls}' or its tag: code compiled against that .d.ts (a project that references this one, a library's users) does not know they are tagged, and leaves its \`await using\` of them as written, so init never runs there. Declare '${cls}' at the module's top level, export it, and name it in the type of '${name}'.`,
  },
  targetTooLow: {
    code: 46008,
    category: "Error",
    text: () =>
      `ts-async-init supports every target from ES5 up, and this build's target is ES3. Set "target" to "ES2022" (or any target from "ES5" up) in tsconfig.json.`,
  },
  typescriptTooOld: {
    code: 46009,
    category: "Error",
    text: (version: string) =>
      `ts-async-init needs TypeScript 5.2 or later (the first with 'await using'), and this build uses TypeScript ${version}. ${SUPPORTED_TYPESCRIPT}`,
  },
  typescriptNative: {
    code: 46009,
    category: "Error",
    text: (version: string) =>
      `ts-async-init cannot run inside TypeScript ${version}: TypeScript 7, the native compiler, has no transformer API. ${SUPPORTED_TYPESCRIPT}`,
  },
  typescriptApi: {
    code: 46009,
    category: "Error",
    text: (version: string, missing: string) =>
      `ts-async-init cannot use the TypeScript it was handed (${version}): its API lacks ${missing}. ${SUPPORTED_TYPESCRIPT}`,
  },
  typescriptMismatch: {
    code: 46009,
    category: "Error",
    text: (version: string) =>
      `ts-async-init was handed a program made by another TypeScript than the one it loaded (${version}). Pass the program's own: tsAsyncInit(program, { typescript: require("<the module that made it>") }).`,
  },
  parserTypescriptNative: {
    code: 46009,
    category: "Error",
    text: (version: string) =>
      `ts-async-init parses TypeScript with TypeScript's JavaScript API, and the typescript installed here is ${version}: TypeScript 7, the native compiler, has none. Install TypeScript 6's API next to it (your tsc stays TypeScript 7): 'npm install --save-dev @typescript/typescript6'.`,
  },
  parserTypescriptOption: {
    code: 46009,
    category: "Error",
    text: (version: string) =>
      `ts-async-init parses TypeScript with TypeScript 5.2 to 6.x (the JavaScript API, from the first with 'await using'), and its 'typescript' option hands it TypeScript ${version}. Pass one it can use, e.g. require("typescript") of 5.9 or require("@typescript/typescript6"), or leave the option out.`,
  },
  parserNoTypescript: {
    code: 46009,
    category: "Error",
    text: () =>
      `ts-async-init parses TypeScript with the typescript package, and none is installed here. Install one: 'npm install --save-dev typescript@5.9', or 'npm install --save-dev @typescript/typescript6' next to TypeScript 7.`,
  },
  parserTypescriptTooOld: {
    code: 46009,
    category: "Error",
    text: (version: string) =>
      `ts-async-init parses TypeScript with TypeScript 5.2 or later (the first with 'await using'), and the typescript installed here is ${version}. Install 'typescript@5.9', or '@typescript/typescript6' next to it.`,
  },
  cliTypescriptNative: {
    code: 46009,
    category: "Error",
    text: (version: string) =>
      `ts-async-init's command line needs TypeScript's JavaScript API, and this project's typescript is ${version}: TypeScript 7, the native compiler, has none. Install TypeScript 6's API next to it (your tsc stays TypeScript 7): 'npm install --save-dev @typescript/typescript6'.`,
  },
  cliNoTypescript: {
    code: 46009,
    category: "Error",
    text: (dir: string) =>
      `ts-async-init's command line found no TypeScript for the project in ${dir}. Install one there: 'npm install --save-dev typescript@5.9', or 'npm install --save-dev @typescript/typescript6' next to TypeScript 7.`,
  },
  cliTypescriptTooOld: {
    code: 46009,
    category: "Error",
    text: (version: string) =>
      `ts-async-init needs TypeScript 5.2 or later (the first with 'await using'), and this project's typescript is ${version}. Install 'typescript@5.9', or '@typescript/typescript6' next to it.`,
  },
  internal: {
    code: 46099,
    category: "Error",
    text: (message: string) => `ts-async-init could not transform this file: ${message}. Please report it with the file.`,
  },
  parserFailed: {
    code: 46099,
    category: "Error",
    text: (version: string, message: string) =>
      `TypeScript ${version}'s parser failed on this file (${message}); tsc fails on it too. ${
        /call stack/i.test(message)
          ? "Its code is nested more deeply than TypeScript can parse: nest it less deeply."
          : "Please report it to TypeScript with the file."
      }`,
  },
  cliInternal: {
    code: 46099,
    category: "Error",
    text: (command: string, message: string) => `ts-async-init ${command} failed: ${message}. Please report it with the project.`,
  },
} as const;

/** What to do about a `then` a class inherits: one that a declaration file declares (`Promise`'s) is not the user's to rename. */
function renameOrLeave(owner: string, fromLibrary: boolean): string {
  return fromLibrary ? `do not extend '${owner}': a declaration file declares that 'then'` : `rename it in '${owner}', or do not extend it`;
}

const capitalized = (text: string) => text[0].toUpperCase() + text.slice(1);

export type DiagnosticKind = keyof typeof Diagnostics;

/** `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`. */
function listed(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}` : (quoted[0] ?? "");
}

/** A value as an option's message shows it: `5`, `"banana"`, `null`, `[1]`; a function or a symbol by its kind. */
function written(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol" || typeof value === "bigint") return `a ${typeof value}`;
  if (value instanceof RegExp) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return "an object"; // one JSON cannot write (a cycle)
  }
}

/** Builds a diagnostic at a position of a file (or for the whole build when there is no file). */
export function createDiagnostic<K extends DiagnosticKind>(
  _ts: typeof import("typescript"),
  kind: K,
  where: { file: ts.SourceFile; start: number; length: number } | undefined,
  ...args: Parameters<(typeof Diagnostics)[K]["text"]>
): ts.Diagnostic {
  const entry = Diagnostics[kind];
  return {
    file: where?.file,
    start: where?.start,
    length: where?.length,
    code: entry.code,
    category: CATEGORY[entry.category] as ts.DiagnosticCategory,
    messageText: (entry.text as (...a: unknown[]) => string)(...args),
    source: "ts-async-init",
  };
}

/** Where a node is, for a diagnostic. */
export function at(file: ts.SourceFile, node: ts.Node): { file: ts.SourceFile; start: number; length: number } {
  const start = node.getStart(file);
  return { file, start, length: node.getEnd() - start };
}

/** Two diagnostics with the same key say the same thing at the same place. */
export function diagnosticKey(d: ts.Diagnostic): string {
  const text = typeof d.messageText === "string" ? d.messageText : d.messageText.messageText;
  return `${d.file?.fileName}:${d.start}:${d.length}:${d.code}:${text}`;
}
