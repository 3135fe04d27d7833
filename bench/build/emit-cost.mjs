// The cost each plugin adds to a build, measured where it is paid: the emit phase.
// Builds the generated project's Program once (parse, bind, check: the same for every
// variant), then emits it again and again, without a plugin, with ts-async-init and
// with typescript-transform-paths, interleaved; prints the median CPU time of each
// emit as JSON. The difference to the emit without a plugin is what the plugin adds:
// its own visits plus printing whatever it generated.
//
//   node emit-cost.mjs <project dir> [rounds]
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const ts = require("typescript");
const [dir, roundsArg = "3"] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const ROOT = new URL("../..", import.meta.url).pathname;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const startBuild = cpuMs();
const config = ts.getParsedCommandLineOfConfigFile(join(dir, "tsconfig.none.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
const program = ts.createProgram(config.fileNames, config.options);
const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
if (errors.length) throw new Error(`the generated project has errors: ${ts.flattenDiagnosticMessageText(errors[0].messageText, "\n")}`);
const checkMs = cpuMs() - startBuild;

const pluginDiagnostics = [];
const extras = { ts, addDiagnostic: (d) => pluginDiagnostics.push(d) };
const asyncInit = require(join(ROOT, "dist/index.js"));
const pathsModule = require("typescript-transform-paths");
const variants = {
  none: () => [],
  plugin: () => [asyncInit(program, {}, extras)],
  paths: () => [(pathsModule.default ?? pathsModule)(program, {}, extras)],
};

const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
const names = Object.keys(variants);
// One unmeasured pass of each first: compiled code, caches.
for (const name of names) program.emit(undefined, () => {}, undefined, false, { before: variants[name]() });
for (let round = 0; round < ROUNDS; round++) {
  for (const name of names.map((_, i) => names[(i + round) % names.length])) {
    let bytes = 0;
    const start = cpuMs();
    program.emit(undefined, (_file, text) => (bytes += text.length), undefined, false, { before: variants[name]() });
    samples[name].push({ ms: cpuMs() - start, bytes });
  }
}
if (pluginDiagnostics.length) throw new Error(`plugin diagnostics: ${pluginDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ")}`);

process.stdout.write(
  JSON.stringify({
    checkMs,
    emit: Object.fromEntries(names.map((name) => [name, { ms: median(samples[name].map((s) => s.ms)), bytes: samples[name][0].bytes, samples: samples[name].map((s) => s.ms) }])),
  }),
);
