import type * as ts from "typescript";
import type { OptionPlace } from "../../core/options";

/**
 * Where the program's tsconfig.json writes an option of this plugin's entry, so that a
 * bad value is reported there, as TypeScript reports its own options:
 *
 *     "plugins": [{ "transform": "ts-async-init", "initMethod": "not a name" }]
 *       → tsconfig.json(9,51): error TS46006: ts-async-init: plugin option 'initMethod' is "not a name"; …
 *
 * An unknown option is reported at its name (`part: "key"`), as TypeScript reports an unknown
 * compiler option. The entry may be in a config file that tsconfig.json extends
 * (`tsconfig.base.json`): the first of the chain that lists it is read. Undefined where the
 * program has no tsconfig.json, or no file of the chain has the entry.
 */
export function optionPlaceIn(ts: typeof import("typescript"), program: ts.Program): OptionPlace {
  let files: ts.TsConfigSourceFile[] | undefined;
  return (option, part = "value") => {
    files ??= configChain(ts, program.getCompilerOptions().configFile as ts.TsConfigSourceFile | undefined);
    for (const file of files) {
      const entries = pluginEntries(ts, file);
      if (entries.length === 0) continue;
      const found = entries.map((entry) => assignment(ts, entry, option)).find((each) => each !== undefined);
      const node = part === "key" ? found?.name : found?.initializer;
      return node && { file, start: node.getStart(file), length: node.getWidth(file) };
    }
    return undefined;
  };
}

/** The program's tsconfig.json, then the files it extends (read when an option's place is asked for: only for a bad option). */
function configChain(ts: typeof import("typescript"), file: ts.TsConfigSourceFile | undefined): ts.TsConfigSourceFile[] {
  if (!file) return [];
  const extended = (file.extendedSourceFiles ?? []).map((path) => ts.readJsonConfigFile(path, ts.sys.readFile));
  return [file, ...extended];
}

/**
 * Where a config file of the chain (tsconfig.json, then what it extends) names `transform` as
 * a plugin entry's `"transform"`: that string, quotes and all.
 */
export function transformPlaceIn(ts: typeof import("typescript"), configFile: ts.TsConfigSourceFile | undefined, transform: string) {
  for (const file of configChain(ts, configFile)) {
    const named = pluginsOf(ts, file)
      .map((entry) => property(ts, entry, "transform"))
      .find((value) => value !== undefined && ts.isStringLiteral(value) && value.text === transform);
    if (named) return { file, start: named.getStart(file), length: named.getWidth(file) };
  }
  return undefined;
}

/** The `{ "transform": "ts-async-init", … }` (or `"name"`) entries of a config file's `compilerOptions.plugins`. */
function pluginEntries(ts: typeof import("typescript"), file: ts.TsConfigSourceFile): ts.Expression[] {
  return pluginsOf(ts, file).filter((entry) => {
    const transform = property(ts, entry, "transform") ?? property(ts, entry, "name");
    return transform !== undefined && ts.isStringLiteral(transform) && transform.text === "ts-async-init";
  });
}

/** The entries of a config file's `compilerOptions.plugins`. */
function pluginsOf(ts: typeof import("typescript"), file: ts.TsConfigSourceFile): readonly ts.Expression[] {
  const root = file.statements[0]?.expression;
  const plugins = property(ts, property(ts, root, "compilerOptions"), "plugins");
  return plugins && ts.isArrayLiteralExpression(plugins) ? plugins.elements : [];
}

/** The value of `"name": value` in a JSON object, if `node` is one that has it. */
function property(ts: typeof import("typescript"), node: ts.Node | undefined, name: string): ts.Expression | undefined {
  return assignment(ts, node, name)?.initializer;
}

/** `"name": value` in a JSON object, if `node` is one that has it. */
function assignment(ts: typeof import("typescript"), node: ts.Node | undefined, name: string): ts.PropertyAssignment | undefined {
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  return node.properties.find(
    (each): each is ts.PropertyAssignment => ts.isPropertyAssignment(each) && ts.isStringLiteral(each.name) && each.name.text === name,
  );
}
