// webpack 5 with ts-loader 9, set up as the README says (test/tools/helpers.mjs).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import {
  APP,
  APP_WITH_TYPE_ERROR,
  assertInstalled,
  bin,
  checkInstallLine,
  EXPECTED,
  errorCodes,
  NO_CHECKER_APP,
  NO_CHECKER_APP_WITH_PLUGIN_ERROR,
  NO_CHECKER_EXPECTED,
  recipe,
  run,
  runNode,
  writeApp,
} from "./helpers.mjs";

test.before(assertInstalled);

const RECIPE_OPTIONS = `options: { compiler: "ts-patch/compiler" }`;

/** The app with the README's tsconfig.json and webpack.config.js, the loader's options replaced if asked. */
function app(name, sources, loaderOptions = RECIPE_OPTIONS) {
  const config = recipe("webpack/webpack.config.js");
  if (!config.includes(RECIPE_OPTIONS)) throw new Error(`the README's webpack.config.js no longer says ${RECIPE_OPTIONS}`);
  return writeApp(name, { ...sources, "tsconfig.json": recipe("webpack/tsconfig.json"), "webpack.config.js": config.replace(RECIPE_OPTIONS, loaderOptions) });
}
const webpack = (dir) => run(bin("webpack"), [], { cwd: dir });

test("the README's install line names the versions tested here", (t) => checkInstallLine(t, "webpack/install"));

test("webpack builds the app with no error, and the bundle awaits every await using", (t) => {
  const dir = app("webpack", APP);
  const build = webpack(dir);
  t.is(build.code, 0, build.output);
  t.deepEqual(errorCodes(build.output), [], build.output);
  t.regex(build.stdout, /compiled successfully/);
  const result = runNode("dist/main.js", dir);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), EXPECTED);
});

test("webpack + ts-loader with declaration: the .d.ts it writes declares [Symbol.asyncDispose] on a tagged class without a teardown of its own, and keeps the tag", (t) => {
  const dir = app("webpack-declaration", APP);
  const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8"));
  Object.assign(tsconfig.compilerOptions, { declaration: true, outDir: "dist", declarationDir: "dist/types" });
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  const build = webpack(dir);
  t.is(build.code, 0, build.output);
  const written = readdirSync(join(dir, "dist"), { recursive: true }).map(String);
  const file = written.find((name) => name.endsWith("db.d.ts"));
  t.truthy(file, written.join(", "));
  const types = readFileSync(join(dir, "dist", file ?? ""), "utf8");
  t.regex(types, /\/\*\* @asyncInit init \*\/\nexport declare class Cache \{[^}]*\[Symbol\.asyncDispose\]\(\): Promise<void>;\n\}/);
});

test("webpack still fails on a type error in the user's code, and reports only that", (t) => {
  const build = webpack(app("webpack-error", APP_WITH_TYPE_ERROR));
  t.not(build.code, 0);
  t.deepEqual(errorCodes(build.output), ["TS2322"], build.output);
});

test("ts-loader: TS2851 on await using of a tagged class that failed its checks names that class's error at its path from the project's folder (not from the entry's)", (t) => {
  const build = webpack(
    app("webpack-reason", {
      "src/db.ts": `/** @asyncInit */\nexport class Db {\n  async start(): Promise<void> {}\n}\n`,
      "src/index.ts": `import { Db } from "./db";\nasync function main(): Promise<void> {\n  await using db = new Db();\n}\nmain();\n`,
    }),
  );
  t.not(build.code, 0);
  t.regex(
    build.output,
    /'Db' has the @asyncInit tag but is not rewritten, for TS46001 at src\/db\.ts:2:14: @asyncInit class 'Db' has no method 'init'/,
    build.output,
  );
});

test("ts-loader transpileOnly (no checker): await using of an imported tagged class, a factory's result and for…of elements is awaited on entry", (t) => {
  const dir = app("webpack-transpile", NO_CHECKER_APP, `options: { compiler: "ts-patch/compiler", transpileOnly: true }`);
  const build = webpack(dir);
  t.is(build.code, 0, build.output);
  const result = runNode("dist/main.js", dir);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), NO_CHECKER_EXPECTED);
});

test("ts-loader transpileOnly fails the build on this plugin's own error (TS46001), with its file, line and column, instead of bundling the class as written", (t) => {
  const build = webpack(app("webpack-transpile-error", NO_CHECKER_APP_WITH_PLUGIN_ERROR, `options: { compiler: "ts-patch/compiler", transpileOnly: true }`));
  t.not(build.code, 0);
  t.regex(
    build.output,
    /ERROR in .*src\/resource\.ts\n.*\n\[tsl\] ERROR in .*resource\.ts\(\d+,14\)\n\s+TS46001: @asyncInit class 'Broken' has no method 'init'/,
  );
  t.deepEqual(errorCodes(build.output), ["TS46001"], build.output);
});

test("webpack + ts-loader with webpack's filesystem cache: a tag added to a class that a module reaches only through a factory of another module is picked up by the next build (that module's output, kept in the cache, tests its value when it runs)", (t) => {
  const db = (tag) =>
    `/** ${tag} */\nexport class Db {\n  constructor(readonly url: string) {}\n  async init(): Promise<void> { console.log("init " + this.url); }\n  async [Symbol.asyncDispose](): Promise<void> { console.log("dispose " + this.url); }\n}\n`;
  const dir = app("webpack-cache", {
    "src/db.ts": db("plain"),
    "src/factory.ts": `import { Db } from "./db";\nexport function make(url: string): Db {\n  return new Db(url);\n}\n`,
    "src/index.ts": `import { make } from "./factory";\nasync function main(): Promise<void> {\n  await using db = make("a");\n  console.log("body " + db.url);\n}\nmain();\n`,
  });
  const configFile = join(dir, "webpack.config.js");
  writeFileSync(configFile, readFileSync(configFile, "utf8").replace('mode: "production",', 'mode: "production",\n  cache: { type: "filesystem" },'));
  const first = webpack(dir);
  t.is(first.code, 0, first.output);
  t.is(runNode("dist/main.js", dir).stdout.trim(), "body a\ndispose a", "untagged: a plain disposable");
  writeFileSync(join(dir, "src/db.ts"), db("@asyncInit"));
  const second = webpack(dir);
  t.is(second.code, 0, second.output);
  const result = runNode("dist/main.js", dir);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), "init a\nbody a\ndispose a");
});
