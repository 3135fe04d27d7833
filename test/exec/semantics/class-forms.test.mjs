// Every form a tagged class can take behaves the same at run time: class
// declarations, `export default class` (named or not), class expressions,
// classes nested in functions and namespaces, abstract classes whose init a
// subclass implements, and decorated classes (standard and legacy decorators).
//
// Each form's class has the same body; `exercise` (programs/class-forms/exercise.ts)
// puts an instance through the whole contract with explicit awaits, and an
// `await using` block with the form's own static type checks that it is awaited on
// entry. Programs: programs/class-forms, programs/standard-decorators,
// programs/legacy-decorators.
import { program, scenario } from "./scenario.mjs";

scenario("every class form: declarations, default exports, expressions, nested, namespaces, abstract", program("class-forms/main.ts"));

scenario("decorated classes (standard decorators)", program("standard-decorators/main.ts"), {
  // Node cannot parse native decorators yet; with class fields as assignments
  // TypeScript lowers them at ESNext too, so the ESNext cells still run.
  compilerOptions: (cell) => (cell.compilerOptions.target === "ESNext" ? { useDefineForClassFields: false } : {}),
});

scenario("decorated classes (legacy decorators with emitDecoratorMetadata)", program("legacy-decorators/main.ts"), {
  compilerOptions: () => ({ experimentalDecorators: true, emitDecoratorMetadata: true }),
});
