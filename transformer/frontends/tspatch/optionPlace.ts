import type * as ts from "typescript";
import type { OptionPlace } from "../../core/options";

/**
 * Where the program's tsconfig.json writes an option of this plugin's entry, so that a
 * bad value is reported there, as TypeScript reports its own options:
 *
 *     "plugins": [{ "transform": "ts-async-init", "initMethod": "not a name" }]
 *       → tsconfig.json(9,51): error TS46006: ts-async-init: plugin option 'initMethod' is "not a name"; …
 *
 * Undefined where the program has no tsconfig.json, or the entry is in one it extends.
 */
export function optionPlaceIn(ts: typeof import("typescript"), program: ts.Program): OptionPlace {
  return (option) => {
    const file = program.getCompilerOptions().configFile as ts.TsConfigSourceFile | undefined;
    const root = file?.statements[0]?.expression;
    const plugins = property(ts, property(ts, root, "compilerOptions"), "plugins");
    if (!file || !plugins || !ts.isArrayLiteralExpression(plugins)) return undefined;
    const entries = plugins.elements.filter((entry) => {
      const transform = property(ts, entry, "transform") ?? property(ts, entry, "name");
      return transform !== undefined && ts.isStringLiteral(transform) && transform.text === "ts-async-init";
    });
    const value = entries.map((entry) => property(ts, entry, option)).find((found) => found !== undefined);
    return value && { file, start: value.getStart(file), length: value.getWidth(file) };
  };
}

/** The value of `"name": value` in a JSON object, if `node` is one that has it. */
function property(ts: typeof import("typescript"), node: ts.Node | undefined, name: string): ts.Expression | undefined {
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  for (const each of node.properties) {
    if (ts.isPropertyAssignment(each) && ts.isStringLiteral(each.name) && each.name.text === name) return each.initializer;
  }
  return undefined;
}
