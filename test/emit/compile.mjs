// Compiling for the emitted-code rule tests and the fixture tests.
//
// One TypeScript Program per case, emitted twice: once as plain tsc would emit
// it (no plugin) and once with the transformer, so the two can be compared
// byte for byte. The library files (lib.*.d.ts) are parsed once per test worker
// and shared by every program, which keeps the large target matrices fast.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { ROOT, moduleOptions, tempDir, ts, tsAsyncInit, format } from "../helpers/build.mjs";

/** The same base settings as test/helpers/build.mjs, so fixtures compile like the exec tests. */
export const BASE_OPTIONS = {
  strict: true,
  lib: ["esnext", "dom"],
  types: [],
  skipLibCheck: true,
  noEmitOnError: false,
};

/** Every target the emitted-code rules name, lowest first (ES5: TypeScript 5.x's default). */
export const ALL_TARGETS = ["ES5", "ES2015", "ES2016", "ES2017", "ES2018", "ES2019", "ES2020", "ES2021", "ES2022", "ES2023", "ESNext"];

/**
 * The program files to compile for a target: below ES2015, where private names
 * and accessor fields do not compile, `x.es5.ts` stands in for `x.ts`; elsewhere
 * the `*.es5.ts` files are left out.
 */
export function forTarget(files, target) {
  const es5 = /^ES(3|5)$/i.test(target);
  const chosen = {};
  for (const [name, text] of Object.entries(files)) {
    if (name.endsWith(".es5.ts")) continue;
    const variant = name.replace(/\.ts$/, ".es5.ts");
    chosen[name] = es5 && files[variant] !== undefined ? files[variant] : text;
  }
  return chosen;
}


// Parsed library files, shared between programs: their text never changes.
const libFiles = new Map();
const LIB_DIR = dirname(ts.getDefaultLibFilePath({}));

function cachingHost(options) {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (dirname(fileName) !== LIB_DIR) return getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    const { languageVersion: _, ...kind } = typeof languageVersion === "object" ? languageVersion : {};
    const key = `${fileName} ${JSON.stringify(kind)}`;
    if (!libFiles.has(key)) libFiles.set(key, getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate));
    return libFiles.get(key);
  };
  return host;
}

/**
 * Writes `files` (name → text) to a fresh folder and makes a Program of them.
 * `tslib: true` links the repository's tslib into the folder's node_modules,
 * so that `importHelpers` builds resolve it as a user's project would.
 *
 * Returns `{ dir, outDir, program, errors, emit }`: `errors` are the compile
 * errors of the input files (syntax, types, options); `emit({ plugin, write, after })`
 * emits the program — with the transformer unless `plugin` is false, plus any
 * `after` transformers — and returns `{ outputs, diagnostics }` (outputs: path
 * under out/ → text; written to out/ too when `write` is set).
 */
export function compile(files, { compilerOptions = {}, tslib = false, dir = tempDir() } = {}) {
  const isEsm = /^node(16|18|next)$/i.test(String(compilerOptions.module));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: isEsm ? "module" : "commonjs" }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  if (tslib) {
    // TypeScript reports TS2354 under importHelpers when tslib does not resolve.
    if (!existsSync(join(ROOT, "node_modules/tslib/package.json"))) throw new Error("tslib is not installed in this repository: the importHelpers tests need it");
    mkdirSync(join(dir, "node_modules"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules/tslib"), join(dir, "node_modules/tslib"), "dir");
  }
  const parsed = ts.convertCompilerOptionsFromJson({ ...BASE_OPTIONS, ...compilerOptions, outDir: "out", rootDir: "." }, dir);
  if (parsed.errors.length) throw new Error(format(parsed.errors));
  const roots = Object.keys(files).filter((f) => /\.(m|c)?tsx?$/.test(f)).map((f) => join(dir, f));
  const program = ts.createProgram(roots, parsed.options, cachingHost(parsed.options));
  const errors = [
    ...program.getOptionsDiagnostics(),
    ...program.getRootFileNames().flatMap((f) => {
      const file = program.getSourceFile(f);
      return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    }),
  ].filter((d) => d.category === ts.DiagnosticCategory.Error);
  const outDir = join(dir, "out");

  function emit({ plugin = {}, write = false, after = [] } = {}) {
    const diagnostics = [];
    const before = plugin === false ? [] : [tsAsyncInit(program, plugin, { ts, addDiagnostic: (d) => diagnostics.push(d) })];
    const outputs = {};
    const result = program.emit(undefined, (file, text) => {
      outputs[relative(outDir, file)] = text;
      if (write) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    }, undefined, false, { before, after });
    return { outputs, diagnostics: [...result.diagnostics, ...diagnostics] };
  }

  return { dir, outDir, program, errors, emit };
}

export { format, moduleOptions, ts };
