// The layout of transformer/, as the README's Development section states it: data
// flows one way (core → plumbing text → emit → frontends → entry points), there are
// no import cycles, and the analysis (core/) imports nothing from a back end or a
// front end. Read from the sources' import statements, so a new file is covered too.

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import test from "ava";

const SOURCE = new URL("../../transformer/", import.meta.url).pathname;

/** Every .ts file under transformer/, relative to it, with the files it imports (relative imports only). */
function importGraph() {
  const files = readdirSync(SOURCE, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  const graph = new Map();
  for (const file of files) {
    const text = readFileSync(join(SOURCE, file), "utf8");
    const targets = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gm)].map((m) => resolveImport(file, m[1], files));
    graph.set(file, targets);
  }
  return graph;
}

function resolveImport(from, specifier, files) {
  const base = relative(SOURCE, resolve(SOURCE, dirname(from), specifier));
  const found = [`${base}.ts`, join(base, "index.ts")].find((candidate) => files.includes(candidate));
  if (!found) throw new Error(`${from}: cannot resolve ${specifier}`);
  return found;
}

const graph = importGraph();
const layer = (file) => file.split("/")[0].replace(/\.ts$/, "");

test("there are sources to check", (t) => {
  t.true(graph.size > 20);
  t.true([...graph.keys()].some((f) => f.startsWith("core/")));
});

test("core/ (the analysis) imports only core/", (t) => {
  const outside = [...graph].flatMap(([file, targets]) =>
    file.startsWith("core/") ? targets.filter((x) => !x.startsWith("core/")).map((x) => `${file} → ${x}`) : [],
  );
  t.deepEqual(outside, []);
});

test("emit/ imports no front end, and plumbing/ imports no analysis or emit code", (t) => {
  const wrong = [...graph].flatMap(([file, targets]) =>
    targets
      .filter((x) => (layer(file) === "emit" && layer(x) === "frontends") || (layer(file) === "plumbing" && ["core", "emit", "frontends"].includes(layer(x))))
      .map((x) => `${file} → ${x}`),
  );
  t.deepEqual(wrong, []);
});

test("no import cycles", (t) => {
  const cycles = [];
  const state = new Map(); // file → "visiting" | "done"
  const visit = (file, path) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "visiting") {
      cycles.push([...path.slice(path.indexOf(file)), file].join(" → "));
      return;
    }
    state.set(file, "visiting");
    for (const target of graph.get(file)) visit(target, [...path, file]);
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
  t.deepEqual(cycles, []);
});
