// The packed package as npm installs it into a new project: no script of ours
// runs and no warning about it is printed, the ts-patch plugin loads none of the
// text back end's dependencies, and TypeScript is never installed for the user.

import { existsSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { npmInstall, TARBALL } from "../support/packed.mjs";
import { run, tempDir, writeFiles } from "../support/project.mjs";

let project;
let log;
test.before(() => {
  project = tempDir("ts-async-init-package-");
  writeFiles(project, { "package.json": { name: "new-project", private: true } });
  log = npmInstall(project, [TARBALL]);
});

test("installing the packed package prints no warning about it and runs no script", (t) => {
  t.notRegex(log, /warn[^\n]*(ts-async-init|install-scripts)/i);
  t.false(existsSync(join(project, "node_modules/ts-async-init/dist/index.js.map")));
});

test("npm does not pick a TypeScript for the user (the peer is optional: typescript@latest is 7, which the plugin cannot run in)", (t) => {
  t.false(existsSync(join(project, "node_modules/typescript")));
});

test("loading the ts-patch plugin loads no bundler or text back end code", (t) => {
  // Loading needs a TypeScript only when called; requiring the entry must not pull magic-string in.
  const loaded = run(
    process.execPath,
    ["-e", 'require("ts-async-init"); console.log(Object.keys(require.cache).filter((f) => /magic-string|unplugin/.test(f)).length)'],
    { cwd: project },
  );
  t.is(loaded.stderr, "");
  t.is(loaded.stdout.trim(), "0");
});

// A project whose TypeScript is 7 (typescript@latest) can install this package next to it,
// whatever the order of the two installs: npm never refuses (the plugin itself then says,
// with TS46009, that it cannot run inside TypeScript 7).
for (const [name, first, second] of [
  ["TypeScript 7, then this package", "typescript@7.0.2", TARBALL],
  ["this package, then TypeScript 7", TARBALL, "typescript@7.0.2"],
]) {
  test(`npm installs ${name}`, (t) => {
    const dir = tempDir("ts-async-init-order-");
    writeFiles(dir, { "package.json": { name: "typescript-7-project", private: true } });
    for (const spec of [first, second]) {
      // npmInstall throws (failing the test) if npm refuses.
      t.notRegex(npmInstall(dir, [spec]), /ERESOLVE|npm error/);
    }
    t.true(existsSync(join(dir, "node_modules/ts-async-init/dist/index.js")));
    t.true(existsSync(join(dir, "node_modules/typescript/package.json")));
  });
}
