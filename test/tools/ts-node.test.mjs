// ts-node in type-checked mode, set up as the README says (test/tools/helpers.mjs).
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
  writeApp,
} from "./helpers.mjs";

test.before(assertInstalled);

const app = (name, sources) => writeApp(name, { ...sources, "tsconfig.json": recipe("ts-node/tsconfig.json") });
const tsNode = (dir, ...args) => run(bin("ts-node"), [...args, "src/index.ts"], { cwd: dir });

test("the README's install line names the versions tested here", (t) => checkInstallLine(t, "ts-node/install"));

test("ts-node runs the app with every await using awaited, and reports no error", (t) => {
  const result = tsNode(app("ts-node", APP));
  t.is(result.code, 0, result.output);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), EXPECTED);
});

test("ts-node still reports a type error in the user's code, and only that", (t) => {
  const result = tsNode(app("ts-node-error", APP_WITH_TYPE_ERROR));
  t.not(result.code, 0);
  t.deepEqual(errorCodes(result.output), ["TS2322"], result.output);
});

test("ts-node --transpileOnly (no checker): await using of an imported tagged class, a factory's result and for…of elements is awaited on entry", (t) => {
  const result = tsNode(app("ts-node-transpile", NO_CHECKER_APP), "--transpileOnly");
  t.is(result.code, 0, result.output);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), NO_CHECKER_EXPECTED);
});

test("ts-node --transpileOnly stops on this plugin's own error (TS46001), with its file, line and column, instead of running the class as written", (t) => {
  const result = tsNode(app("ts-node-transpile-error", NO_CHECKER_APP_WITH_PLUGIN_ERROR), "--transpileOnly");
  t.not(result.code, 0);
  t.is(result.stdout, "");
  t.regex(
    result.stderr,
    /TSError: ⨯ Unable to compile TypeScript:\nsrc\/resource\.ts\(\d+,14\): error TS46001: @asyncInit class 'Broken' has no method 'init'/,
  );
  t.deepEqual(errorCodes(result.output), ["TS46001"], result.output);
});

test("ts-node: an await using in a module whose program holds no tagged class yet (ts-node compiles each file with what it has required so far) tests its value when it runs: a tagged instance registered by a module required later is awaited and disposed", (t) => {
  const dir = app("ts-node-partial", {
    "src/registry.ts": `export interface Resource extends AsyncDisposable { readonly url: string }
const resources = new Map<string, Resource>();
export const register = (name: string, resource: Resource): void => void resources.set(name, resource);
export const get = (name: string): Resource => resources.get(name)!;
`,
    "src/plugin.ts": `import { register } from "./registry";
/** @asyncInit */
class Db {
  constructor(readonly url: string) {}
  async init(): Promise<void> { console.log("init " + this.url); }
  async [Symbol.asyncDispose](): Promise<void> { console.log("dispose " + this.url); }
}
register("db", new Db("db://x"));
`,
    "src/index.ts": `import { get } from "./registry";
async function main(): Promise<void> {
  require("./plugin");
  await using db = get("db");
  console.log("body " + db.url);
}
main();
`,
  });
  const result = tsNode(dir);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), "init db://x\nbody db://x\ndispose db://x");
});
