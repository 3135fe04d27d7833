// Bundles one program of the runtime-semantics tests with a real bundler and the packed
// plugin (semantics.test.mjs), in a process of its own (esbuild runs plugins only from its
// asynchronous API, Rolldown has no other, and Bun.build runs in Bun):
//
//   node bundle-program.mjs <esbuild|rolldown> <entry> <outfile> <target> <esm|cjs> [keep-names]
//   bun bundle-program.mjs bun <entry> <outfile> ESNext esm
//
// Each bundler finds the app's tsconfig.json itself, as in a user's project. Prints the
// build's warnings as JSON on stdout; a failed build prints its errors and exits with 1.
import { basename, dirname } from "node:path";

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

const BUNDLERS = { esbuild: withEsbuild, rolldown: withRolldown, bun: withBun };

try {
  const warnings = await BUNDLERS[bundler]();
  console.log(JSON.stringify({ warnings }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
