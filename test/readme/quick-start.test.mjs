// The README's quick start, run literally from a fresh folder as a new user
// would: its install line (with the packed package in place of the registry's),
// its tsconfig.json and src/hello.ts as printed, and its build and run commands,
// on TypeScript 5.9 (Node 20) and on TypeScript 6.0 (its own install line, Node 22).

import { execSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import test from "ava";
import { nodeOf, TARBALL } from "../support/packed.mjs";
import { ROOT, tempDir } from "../support/project.mjs";

/** The fenced code blocks of the README's "Quick start" section, each with the line of prose before it. */
function quickStart() {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Quick start"), readme.indexOf("\n## ", readme.indexOf("## Quick start") + 1));
  const blocks = [...section.matchAll(/([^\n]*)\n\n```(\w+)\n([\s\S]*?)```/g)].map(([, before, lang, body]) => ({ before, lang, body }));
  const file = (name) => blocks.find((b) => b.before.includes(`\`${name}\``))?.body;
  const shell = blocks.filter((b) => b.lang === "sh").map((b) => b.body.trim().split("\n"));
  const printed = section
    .match(/It prints ((?:`[^`]+`(?:, )?)+)/)?.[1]
    .match(/`([^`]+)`/g)
    ?.map((w) => w.slice(1, -1));
  const ts6Install = section.match(/`(npm install [^`]*typescript@6[^`]*)`/)?.[1];
  return { tsconfig: file("tsconfig.json"), hello: file("src/hello.ts"), install: shell[0], commands: shell[1], printed, ts6Install };
}

/** Runs one line of the README in `dir`, with the packed package standing in for `ts-async-init` from the registry. */
function runLine(line, dir, env) {
  const command = line.startsWith("npm install ") ? `${line.replace(/ ts-async-init(?= )/, ` ${TARBALL}`)} --no-audit --no-fund --prefer-offline` : line;
  return execSync(command, { cwd: dir, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function follow(t, install, env = process.env) {
  const steps = quickStart();
  t.truthy(steps.tsconfig, "the quick start shows tsconfig.json");
  t.truthy(steps.hello, "the quick start shows src/hello.ts");
  const dir = tempDir("ts-async-init-quick-start-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "quick-start", private: true }));
  runLine(install, dir, env);
  writeFileSync(join(dir, "tsconfig.json"), /** @type {string} */ (steps.tsconfig));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/hello.ts"), /** @type {string} */ (steps.hello));
  let output = "";
  for (const line of steps.commands) output += runLine(line, dir, env);
  t.deepEqual(output.trim().split("\n"), steps.printed);
}

test.serial("the quick start on TypeScript 5.9 prints what the README says", (t) => {
  const { install } = quickStart();
  t.is(install.length, 1);
  t.regex(install[0], /typescript@5\.9 /);
  follow(t, install[0]);
});

test.serial("the quick start on TypeScript 6.0 (Node 22) prints what the README says", (t) => {
  const { ts6Install } = quickStart();
  t.truthy(ts6Install, "the quick start has a TypeScript 6 install line");
  // Node 22 first on PATH: npx tspc and node run on it, as on a machine with Node 22 installed.
  follow(t, ts6Install, { ...process.env, PATH: `${dirname(nodeOf("6.0"))}:${process.env.PATH}` });
});
