// Corners of where the state of an instance lives. From ES2022 up a tagged class
// usually keeps it in a private field (transformer/stateField.ts says when); below,
// and for objects without the field, it is in the plumbing's shared WeakMap. Each
// program prints one line: what the same program prints when compiled for ES2017,
// where there is no field at all. Programs: programs/storage-corners/*.ts, one per
// corner (old-registry.ts loads old-registry-lib.ts).
import test from "ava";
import { buildAndRun } from "../../support/back-ends.mjs";
import { build, moduleOptions } from "../../support/project.mjs";
import { program } from "./scenario.mjs";

const ES2017 = { name: "ES2017/commonjs", compilerOptions: moduleOptions("ES2017", "commonjs") };
const FIELD_TARGETS = [
  { name: "ES2022/commonjs", compilerOptions: moduleOptions("ES2022", "commonjs") },
  { name: "ESNext/nodenext", compilerOptions: moduleOptions("ESNext", "nodenext") },
];

/** Compiles and runs programs/storage-corners/<name>.ts; the line it printed. */
const run = (t, name, compilerOptions) => {
  const { main, files } = program(`storage-corners/${name}.ts`);
  const result = buildAndRun(files, { main, roots: [main], compilerOptions });
  t.is(result.stderr, "");
  return result.stdout.trim();
};

for (const { name, compilerOptions } of [ES2017, ...FIELD_TARGETS]) {
  test(`${name}: awaiting a Proxy that drops the receiver rejects instead of looping`, (t) => {
    t.is(run(t, "proxy-without-receiver", compilerOptions), "TypeError: Db cannot be awaited");
  });
}

for (const { name, compilerOptions } of FIELD_TARGETS) {
  test(`${name}: a base constructor that returns an instance made before`, (t) => {
    t.is(run(t, "return-override", compilerOptions), "same instance");
  });

  test(`${name}: a mixin whose class's constructor returns an instance made before`, (t) => {
    t.is(run(t, "mixin-returns", compilerOptions), "same instance, 1 init");
  });

  test(`${name}: a tagged base constructor that awaits the instance, under a tagged subclass`, (t) => {
    t.is(run(t, "eager-base", compilerOptions), "true Derived.init,Base.init");
  });

  test(`${name}: an untagged base constructor that has the subclass await the instance`, (t) => {
    t.true(
      build(program("storage-corners/eager-untagged-base.ts").files, { compilerOptions }).outputs["storage-corners/eager-untagged-base.js"].includes(
        "#asyncInit;",
      ),
      "Derived has a field of its own",
    );
    t.is(run(t, "eager-untagged-base", compilerOptions), "true undefined Derived.init");
  });

  if (compilerOptions.target === "ES2022") {
    test(`${name}: a method decorator's initialiser that awaits the instance`, (t) => {
      t.is(run(t, "decorator-initializer", compilerOptions), "true init");
    });
    test(`${name}: a base whose class decorator puts in place a constructor that returns an instance made before`, (t) => {
      t.is(run(t, "decorated-base-returns", compilerOptions), "same instance, 1 init");
    });
    test(`${name}: a class decorator that makes and awaits an instance`, (t) => {
      t.is(run(t, "class-decorator-awaits", compilerOptions), "undefined init");
    });
  }

  test(`${name}: a ready instance moved to a tagged subclass's prototype stays ready`, (t) => {
    t.is(run(t, "set-prototype", compilerOptions), "undefined 1");
  });

  test(`${name}: a registry left under the previous version's key is not used`, (t) => {
    t.is(run(t, "old-registry", compilerOptions), "then undefined");
  });
}
