// Which tagged classes get a private field for the state of their instances
// (transformer/stateField.ts): from ES2022 up, a class with no tagged ancestor and no
// ancestor constructor that may return another object or lock the instance (freeze,
// seal, preventExtensions); below ES2022, none. Without
// a program (single-file transpilers) only classes with no `extends` get one, and
// with the plugin option "stateField": false none does.
// The exec tests (test/exec/semantics/storage-corners.test.mjs) run what these make.
import test from "ava";
import { build, pluginMessages, ts, tsAsyncInit } from "../helpers/build.mjs";

const LIBRARY_DTS = `/** @asyncInit */
export declare class TaggedElsewhere { init(): Promise<void>; }
export declare class PlainElsewhere { constructor(); }
`;

const MAIN = `import { TaggedElsewhere, PlainElsewhere } from "./library.js";

class Plain {}
class Identity {
  constructor(known?: object) {
    if (known) return known;
  }
}
class Frozen {
  constructor() {
    Object.freeze(this);
  }
}
class ReturnsInNestedFunction {
  constructor() {
    const f = () => { return 1; };
    f();
  }
}
const Mixin = <T extends new (...args: any[]) => object>(Base: T) => class extends Base {};

/** @asyncInit */ export class Root { async init() {} }
/** @asyncInit */ export class OverRoot extends Root {}
/** @asyncInit */ export class OverOverRoot extends OverRoot {}
/** @asyncInit */ export class OverPlain extends Plain { async init() {} }
/** @asyncInit */ export class OverIdentity extends Identity { async init() {} }
/** @asyncInit */ export class OverPlainOverIdentity extends (class extends Identity {}) { async init() {} }
/** @asyncInit */ export class OverFrozen extends Frozen { async init() {} }
/** @asyncInit */ export class OverNested extends ReturnsInNestedFunction { async init() {} }
/** @asyncInit */ export class OverTaggedElsewhere extends TaggedElsewhere {}
/** @asyncInit */ export class OverPlainElsewhere extends PlainElsewhere { async init() {} }
/** @asyncInit */ export class OverMixin extends Mixin(Plain) { async init() {} }
`;

/** The classes of main.js that declare the field, by name. */
function classesWithField(text) {
  const withField = [];
  const classes = [...text.matchAll(/^\/\*\* @asyncInit \*\/ class (\w+)/gm)];
  classes.forEach((match, i) => {
    const body = text.slice(match.index, classes[i + 1]?.index ?? text.length);
    if (/^\s+#asyncInit;$/m.test(body)) withField.push(match[1]);
  });
  return withField;
}

const WITH_PROGRAM = ["Root", "OverPlain", "OverNested", "OverPlainElsewhere", "OverMixin"];

for (const target of ["ES2022", "ESNext"]) {
  test(`with a program, ${target}: a field for each class that has no tagged ancestor and no ancestor constructor that returns a value or locks the instance`, (t) => {
    const built = build({ "main.ts": MAIN, "library.d.ts": LIBRARY_DTS }, { compilerOptions: { target, module: "commonjs", moduleResolution: "node10" } });
    t.deepEqual(pluginMessages(built.diagnostics), []);
    t.deepEqual(classesWithField(built.outputs["main.js"]), WITH_PROGRAM);
  });
}

test("with a program, ES2020: no class gets a field", (t) => {
  const built = build({ "main.ts": MAIN, "library.d.ts": LIBRARY_DTS }, { compilerOptions: { target: "ES2020", module: "commonjs", moduleResolution: "node10" } });
  t.deepEqual(classesWithField(built.outputs["main.js"]), []);
  t.false(built.outputs["main.js"].includes("#asyncInit"));
});

test("without a program (transpileModule), ES2022: only a class with no extends gets a field", (t) => {
  const before = [tsAsyncInit(undefined, {}, { ts, addDiagnostic: () => {} })];
  const { outputText } = ts.transpileModule(MAIN, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS }, fileName: "main.ts", transformers: { before } });
  t.deepEqual(classesWithField(outputText), ["Root"]);
});

test('with the plugin option "stateField": false, ES2022: no class gets a field', (t) => {
  const built = build({ "main.ts": MAIN, "library.d.ts": LIBRARY_DTS }, { compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node10" }, plugin: { stateField: false } });
  t.deepEqual(pluginMessages(built.diagnostics), []);
  t.true(built.outputs["main.js"].includes("asyncInit_1.then(this"), "the classes are still rewritten");
  t.false(built.outputs["main.js"].includes("#asyncInit"));
});
