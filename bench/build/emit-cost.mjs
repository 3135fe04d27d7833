// The cost each plugin adds to a build, measured where it is paid: the emit phase.
// Builds the generated project's Program once (parse, bind, check: the same for every
// variant), then emits its files again and again, without a plugin, with ts-async-init
// and with typescript-transform-paths, interleaved, one kind of file at a time; prints
// the median CPU time per kind of file and their sum as JSON. The difference to the emit without a plugin is what the plugin adds:
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
const config = ts.getParsedCommandLineOfConfigFile(
  join(dir, "tsconfig.none.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  },
);
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

// The files by what ts-async-init has to do with them; each kind is measured on its own,
// so that the few files that cost something are not lost in the noise of the many that do not.
const kindOf = (text) =>
  text.includes("@asyncInit") ? "tag" : text.includes("await using") ? "await using" : text.includes("using") ? "'using' elsewhere" : "neither";
const kinds = {};
for (const file of program.getSourceFiles()) if (!file.isDeclarationFile) (kinds[kindOf(file.text)] ??= []).push(file);

const names = Object.keys(variants);
const samples = {};
const emitFiles = (files, before) => {
  let bytes = 0;
  const start = cpuMs();
  for (const file of files) program.emit(file, (_name, text) => (bytes += text.length), undefined, false, { before });
  return { ms: cpuMs() - start, bytes };
};
// One unmeasured pass of each first: compiled code, caches.
for (const name of names) emitFiles(program.getSourceFiles(), variants[name]());
for (let round = 0; round < ROUNDS; round++) {
  for (const [kind, files] of Object.entries(kinds)) {
    for (const name of names.map((_, i) => names[(i + round) % names.length])) {
      ((samples[kind] ??= {})[name] ??= []).push(emitFiles(files, variants[name]()));
    }
  }
}
if (pluginDiagnostics.length)
  throw new Error(`plugin diagnostics: ${pluginDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ")}`);

// Per kind: median CPU time of emitting those files with each variant, and the output size.
const byKind = Object.fromEntries(
  Object.entries(samples).map(([kind, byName]) => [
    kind,
    {
      files: kinds[kind].length,
      ...Object.fromEntries(names.map((name) => [name, { ms: median(byName[name].map((s) => s.ms)), bytes: byName[name][0].bytes }])),
    },
  ]),
);
const total = Object.fromEntries(
  names.map((name) => [
    name,
    { ms: Object.values(byKind).reduce((n, k) => n + k[name].ms, 0), bytes: Object.values(byKind).reduce((n, k) => n + k[name].bytes, 0) },
  ]),
);

process.stdout.write(JSON.stringify({ checkMs, emit: total, byKind }));
