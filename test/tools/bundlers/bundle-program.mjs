// Bundles one program of the runtime-semantics tests with a real bundler and the packed
// plugin (semantics.test.mjs), in a process of its own (esbuild runs plugins only from its
// asynchronous API, Rolldown has no other, and Bun.build runs in Bun):
//
//   node bundle-program.mjs <esbuild|rolldown|vite|webpack|rspack> <entry> <outfile> <target> <esm|cjs> [keep-names]
//   bun bundle-program.mjs bun <entry> <outfile> ESNext esm
//
// Each bundler (ts-loader for webpack) but Rspack finds the app's tsconfig.json itself, as in a user's project. Prints the
// build's warnings as JSON on stdout; a failed build prints its errors and exits with 1.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const [bundler, entry, outfile, target, moduleFormat, keepNames] = process.argv.slice(2);
const format = /** @type {"esm" | "cjs"} */ (moduleFormat);

/** esbuild: the README's recipe, with the cell's target and format. */
async function withEsbuild() {
  const { build } = await import("esbuild");
  const { default: tsAsyncInit } = await import("ts-async-init/esbuild");
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format,
    target: target.toLowerCase(),
    outfile,
    keepNames: Boolean(keepNames),
    logLevel: "silent",
    plugins: [tsAsyncInit()],
  });
  return result.warnings.map((warning) => warning.text);
}

/** Rolldown: the README's recipe; Rolldown lowers to the cell's target (the plugin keeps its default). */
async function withRolldown() {
  const { rolldown } = await import("rolldown");
  const { default: tsAsyncInit } = await import("ts-async-init/rolldown");
  const warnings = [];
  const bundle = await rolldown({
    input: entry,
    platform: "node",
    transform: { target: target.toLowerCase() },
    plugins: [tsAsyncInit()],
    onLog: (level, log) => {
      if (level === "warn") warnings.push(log.message);
    },
  });
  await bundle.write({ file: outfile, format, keepNames: Boolean(keepNames) });
  return warnings;
}

/**
 * Bun.build: the README's recipe (for Node.js, which runs the bundle). unplugin's adapter
 * prints the plugin's warnings with console.warn, which is where they are read from.
 */
async function withBun() {
  const { default: tsAsyncInit } = await import("ts-async-init/bun");
  const warnings = [];
  console.warn = (...args) => warnings.push(args.join(" "));
  const result = await /** @type {any} */ (globalThis).Bun.build({
    entrypoints: [entry],
    outdir: dirname(outfile),
    naming: basename(outfile),
    target: "node",
    format,
    plugins: [tsAsyncInit()],
  });
  if (!result.success) throw new AggregateError(result.logs, result.logs.map(String).join("\n"));
  return warnings;
}

/**
 * What webpack and Rspack get alike: the entry, CommonJS output for Node.js, `./x.js` resolved
 * to `./x.ts` (the programs' imports), no minifying (the programs check the class names in
 * messages), the loader `rule`, and the plugin, told the target below ES2022 (as the README says).
 * @returns {any} the configuration, which webpack and Rspack type each their own way
 */
const webpackLike = (rule, plugin) => ({
  mode: "none",
  target: "node",
  entry,
  output: { path: dirname(outfile), filename: basename(outfile) },
  resolve: { extensions: [".ts", ".js"], extensionAlias: { ".js": [".ts", ".js"] } },
  module: { rules: [rule] },
  plugins: [plugin(target === "ES2017" ? { target } : undefined)],
});

/**
 * Runs a webpack or Rspack compiler, then closes it, as their command lines do; its warnings'
 * messages, or its errors thrown.
 */
async function compile(compiler) {
  const stats = await new Promise((resolve, reject) => compiler.run((error, result) => (error ? reject(error) : resolve(result))));
  await new Promise((resolve) => compiler.close(resolve));
  const { errors = [], warnings = [] } = stats.toJson({ all: false, errors: true, warnings: true });
  if (errors.length > 0) throw new Error(errors.map((error) => error.message).join("\n"));
  return warnings.map((warning) => warning.message);
}

/** webpack: the README's recipe, ts-loader with `transpileOnly` (which reads the app's tsconfig.json). */
async function withWebpack() {
  const { default: webpack } = await import("webpack");
  const { default: tsAsyncInit } = await import("ts-async-init/webpack");
  return compile(webpack(webpackLike({ test: /\.ts$/, loader: "ts-loader", options: { transpileOnly: true } }, tsAsyncInit)));
}

/**
 * Rspack: the README's recipe, its built-in SWC loader, with the cell's target, and SWC's
 * decorators as the app's tsconfig.json (in the working folder) asks.
 */
async function withRspack() {
  const { rspack } = await import("@rspack/core");
  const { default: tsAsyncInit } = await import("ts-async-init/rspack");
  const { compilerOptions = {} } = JSON.parse(readFileSync(join(process.cwd(), "tsconfig.json"), "utf8"));
  const decorators = compilerOptions.experimentalDecorators
    ? { legacyDecorator: true, decoratorMetadata: Boolean(compilerOptions.emitDecoratorMetadata) }
    : { decoratorVersion: "2022-03" };
  const swc = { jsc: { parser: { syntax: "typescript", decorators: true }, transform: decorators, target: target.toLowerCase() } };
  return compile(rspack(webpackLike({ test: /\.ts$/, loader: "builtin:swc-loader", options: swc, type: "javascript/auto" }, tsAsyncInit)));
}

/**
 * Vite: a server-side build of the entry (`vite build --ssr`) with the README's plugin entry,
 * and the cell's `build.target`, which the plugin reads too. Not minified, as for webpack and Rspack.
 */
async function withVite() {
  const { build } = await import("vite");
  const { default: tsAsyncInit } = await import("ts-async-init/vite");
  const warnings = [];
  const ignore = () => {};
  await build({
    configFile: false,
    root: process.cwd(),
    plugins: [tsAsyncInit()],
    customLogger: {
      info: ignore,
      warn: (text) => warnings.push(text),
      warnOnce: (text) => warnings.push(text),
      error: ignore,
      clearScreen: ignore,
      hasErrorLogged: () => false,
      hasWarned: false,
    },
    build: {
      ssr: entry,
      target: target.toLowerCase(),
      outDir: dirname(outfile),
      emptyOutDir: false,
      minify: false,
      rolldownOptions: { output: { entryFileNames: basename(outfile), format, keepNames: Boolean(keepNames) } },
    },
  });
  return warnings;
}

const BUNDLERS = { esbuild: withEsbuild, rolldown: withRolldown, bun: withBun, webpack: withWebpack, rspack: withRspack, vite: withVite };

try {
  const warnings = await BUNDLERS[bundler]();
  console.log(JSON.stringify({ warnings }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
