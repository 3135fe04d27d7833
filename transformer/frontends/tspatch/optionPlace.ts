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
 * compiler option. Undefined where the program has no tsconfig.json, or the entry is in one it extends.
 */
export function optionPlaceIn(ts: typeof import("typescript"), program: ts.Program): OptionPlace {
  return (option, part = "value") => {
    const file = program.getCompilerOptions().configFile as ts.TsConfigSourceFile | undefined;
    const root = file?.statements[0]?.expression;
    const plugins = property(ts, property(ts, root, "compilerOptions"), "plugins");
    if (!file || !plugins || !ts.isArrayLiteralExpression(plugins)) return undefined;
    const entries = plugins.elements.filter((entry) => {
      const transform = property(ts, entry, "transform") ?? property(ts, entry, "name");
      return transform !== undefined && ts.isStringLiteral(transform) && transform.text === "ts-async-init";
    });
    const found = entries.map((entry) => assignment(ts, entry, option)).find((each) => each !== undefined);
    const node = part === "key" ? found?.name : found?.initializer;
    return node && { file, start: node.getStart(file), length: node.getWidth(file) };
  };
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
