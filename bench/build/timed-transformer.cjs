// A pass-through ts-patch plugin that measures the time spent inside another one.
// tsconfig: { "transform": ".../timed-transformer.cjs", "inner": "<the plugin to wrap>" }
// At exit it prints, on stderr, the milliseconds spent creating the transformer and
// transforming files, split into files that mention `@asyncInit` or `using` (which
// ts-async-init looks at closely) and the rest (which it should skip for almost nothing).
const { performance } = require("node:perf_hooks");

const totals = { setupMs: 0, files: 0, ms: 0, quietFiles: 0, quietMs: 0, byKind: {}, slowest: [] };

/** What kind of file this is for ts-async-init. */
function kindOf(text) {
  if (text.includes("@asyncInit")) return "tag";
  if (text.includes("await using")) return "await using";
  if (text.includes("using")) return "'using' elsewhere";
  return "neither";
}

module.exports = function timedTransformer(program, config, extras) {
  // `inner` is this wrapper's option, not the wrapped plugin's (ts-async-init refuses options it does not know).
  const { inner: innerPath, ...innerConfig } = config;
  const loaded = require(innerPath);
  const inner = typeof loaded === "function" ? loaded : loaded.default;
  const start = performance.now();
  const factory = inner(program, innerConfig, extras);
  totals.setupMs += performance.now() - start;
  return (context) => {
    const t0 = performance.now();
    const transformFile = factory(context);
    totals.setupMs += performance.now() - t0;
    return (sourceFile) => {
      const t = performance.now();
      const result = transformFile(sourceFile);
      const ms = performance.now() - t;
      totals.files++;
      totals.ms += ms;
      const kind = kindOf(sourceFile.text);
      if (kind === "neither") {
        totals.quietFiles++;
        totals.quietMs += ms;
      }
      const byKind = (totals.byKind[kind] ??= { files: 0, ms: 0 });
      byKind.files++;
      byKind.ms += ms;
      totals.slowest.push({ file: sourceFile.fileName, ms });
      totals.slowest = totals.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
      return result;
    };
  };
};

process.on("exit", () => process.stderr.write(`\nBENCH_PLUGIN ${JSON.stringify(totals)}\n`));
