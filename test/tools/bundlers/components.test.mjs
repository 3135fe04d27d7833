// Vite with a framework's single-file components: Vue (@vitejs/plugin-vue) and Svelte
// (@sveltejs/vite-plugin-svelte), beside ts-async-init/vite. A Vue component's script
// block that Vite gets as a module of its own is rewritten; one that the framework's
// plugin strips itself is error TS46011, never a component built as written.
import test from "ava";
import { assertInstalled, bin, NODE_24, run, writeApp } from "./helpers.mjs";

test.before(assertInstalled);

/** A script block with a tagged class whose `await using` prints the order, run through `globalThis[name]`. */
const script = (name, jsx) => `/** @asyncInit */
class Hello {
  log: string[] = [];
  async init(): Promise<void> {
    this.log.push("init");
  }
  async [Symbol.asyncDispose](): Promise<void> {
    this.log.push("exit");
  }
}
${jsx ? "const element = <span>{1}</span>;\n" : ""}(globalThis as any).${name} = async () => {
  const hello = new Hello();
  {
    await using h = hello;
    h.log.push("context");
  }
  return hello.log.join(" ");
};
`;

const VUE = {
  "src/Ts.vue": `<script setup lang="ts">\n${script("runTs", false)}</script>\n<template><div>ts</div></template>\n`,
  "src/Tsx.vue": `<script setup lang="tsx">\n${script("runTsx", true)}</script>\n<template><div>tsx</div></template>\n`,
  "src/main.ts": `import { createSSRApp } from "vue";
import { renderToString } from "vue/server-renderer";
import Ts from "./Ts.vue";
import Tsx from "./Tsx.vue";

export async function main(): Promise<string[]> {
  await renderToString(createSSRApp(Ts));
  await renderToString(createSSRApp(Tsx));
  return [await (globalThis as any).runTs(), await (globalThis as any).runTsx()];
}
`,
  "src/index.ts": `import { main } from "./main";\n\nconsole.log((await main()).join("\\n"));\n`,
  "vite.config.mjs": `import vue from "@vitejs/plugin-vue";
import tsAsyncInit from "ts-async-init/vite";

export default { plugins: [vue(), tsAsyncInit()], oxc: { jsx: { importSource: "vue" } } };
`,
  "dev.mjs": `import { createServer } from "vite";
const server = await createServer({ appType: "custom", logLevel: "silent", server: { middlewareMode: true } });
try {
  console.log((await (await server.ssrLoadModule("/src/main.ts")).main()).join("\\n"));
} catch (error) {
  console.log(error.message.split("\\n")[0]);
  console.log(JSON.stringify(error.loc));
} finally {
  await server.close();
}
`,
};

test('Vue: vite build rewrites a component\'s <script setup lang="ts"> and a lang="tsx" block (JSX and all), and they run in order', (t) => {
  const dir = writeApp("vue-build", VUE);
  const built = run(bin("vite"), ["build", "--ssr", "src/index.ts"], { cwd: dir });
  t.is(built.code, 0, built.output);
  const ran = run(NODE_24, ["dist/index.js"], { cwd: dir });
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), "init context exit\ninit context exit");
});

test('Vue: in Vite\'s dev server, where @vitejs/plugin-vue strips a lang="ts" block itself, the component is error TS46011 at the tag, not a component whose init never runs', (t) => {
  const dir = writeApp("vue-dev", VUE);
  const result = run(NODE_24, ["dev.mjs"], { cwd: dir });
  t.is(result.code, 0, result.output);
  const [first, loc] = result.stdout.trim().split("\n");
  t.regex(
    first,
    /^TS46011: ts-async-init never sees the TypeScript of this component's <script lang="ts">: @vitejs\/plugin-vue, in Vite's dev server and vitest, strips its types itself.* Move them to a \.ts module that the component imports\.$/,
  );
  t.like(JSON.parse(loc), { file: `${dir}/src/Ts.vue`, line: 2 });
});

test('Svelte: a component\'s <script lang="ts"> that mentions await using or the tag fails vite build with TS46011 (the Svelte plugin strips its types itself); one that mentions them only in a comment builds', (t) => {
  const dir = writeApp("svelte", {
    "src/Tagged.svelte": `<script lang="ts">\n  let n: number = 1;\n${script("runSvelte", false)}</script>\n<div>{n}</div>\n`,
    // Mentions in comments only: parsed, nothing to rewrite, no error.
    "src/Plain.svelte": `<script lang="ts">\n  // This component holds no await using.\n  let n: number = 1;\n</script>\n<div>{n}</div>\n`,
    "src/tagged.ts": `import { render } from "svelte/server";\nimport Tagged from "./Tagged.svelte";\n\nconsole.log(render(Tagged).body);\n`,
    "src/plain.ts": `import { render } from "svelte/server";\nimport Plain from "./Plain.svelte";\n\nconsole.log(render(Plain).body);\n`,
    "vite.config.mjs": `import { svelte } from "@sveltejs/vite-plugin-svelte";\nimport tsAsyncInit from "ts-async-init/vite";\n\nexport default { plugins: [svelte(), tsAsyncInit()] };\n`,
  });
  const tagged = run(bin("vite"), ["build", "--ssr", "src/tagged.ts"], { cwd: dir });
  t.not(tagged.code, 0, tagged.output);
  t.regex(tagged.output, /Tagged\.svelte:3:\d+/);
  t.regex(tagged.output, /TS46011: ts-async-init never sees the TypeScript of this component's <script lang="ts">: the Svelte plugin strips its types itself/);
  const plain = run(bin("vite"), ["build", "--ssr", "src/plain.ts"], { cwd: dir });
  t.is(plain.code, 0, plain.output);
  t.regex(run(NODE_24, ["dist/plain.js"], { cwd: dir }).stdout, /<div>1<\/div>/);
});

test('Vue in Vite\'s dev server: a lang="ts" block with await using and no tag is warning TS46011, not an error; a block in an HTML comment is not read; a generic attribute holding > does not hide lang', (t) => {
  const component = (script) => `${script}\n<template><div>x</div></template>\n`;
  const dir = writeApp("vue-dev-cases", {
    "src/Uses.vue": component(
      `<script setup lang="ts">\nasync function run(open: () => AsyncDisposable): Promise<void> {\n  await using tx = open();\n}\ndefineExpose({ run });\n</script>`,
    ),
    "src/Commented.vue": component(
      `<!-- <script setup lang="ts">\n/** @asyncInit */\nclass Old { async init() {} }\n</script> -->\n<script setup lang="ts">\nconst n: number = 1;\n</script>`,
    ),
    "src/Generic.vue": component(
      `<script setup lang="ts" generic="T extends Array<number>">\n/** @asyncInit */\nclass Db {\n  async init(): Promise<void> {}\n}\ndefineProps<{ items: T }>();\nnew Db();\n</script>`,
    ),
    "vite.config.mjs": VUE["vite.config.mjs"],
    "dev.mjs": `import { createServer } from "vite";
const warnings = [];
const server = await createServer({ appType: "custom", logLevel: "silent", server: { middlewareMode: true } });
const warn = server.config.logger.warn;
server.config.logger.warn = (message, options) => (warnings.push(message), warn(message, options));
for (const file of ["/src/Uses.vue", "/src/Commented.vue", "/src/Generic.vue"]) {
  try {
    await server.transformRequest(file);
    console.log(file, "ok");
  } catch (error) {
    console.log(file, error.message.split("\\n")[0]);
  }
}
console.log(JSON.stringify(warnings.filter((w) => w.includes("TS46011")).map((w) => w.replace(/\\u001b\\[[0-9;]*m/g, ""))));
await server.close();
`,
  });
  const result = run(NODE_24, ["dev.mjs"], { cwd: dir });
  t.is(result.code, 0, result.output);
  const [uses, commented, generic, warnings] = result.stdout.trim().split("\n");
  t.is(uses, "/src/Uses.vue ok");
  t.is(commented, "/src/Commented.vue ok");
  t.regex(generic, /^\/src\/Generic\.vue TS46011: ts-async-init never sees the TypeScript of this component's <script lang="ts">/);
  t.regex(
    warnings,
    /TS46011: ts-async-init never sees the TypeScript of this component's <script lang=\\"ts\\">: @vitejs\/plugin-vue.*its `await using` is not tested when it runs/,
  );
});

// Astro's own Vite plugin ("astro:build", enforce "pre", listed before the user's plugins) compiles an
// .astro component to JavaScript, its comments (the tag) dropped, before any transform of this plugin.
// Astro itself needs Node.js 22.23.4 and a Vite of its own; this stand-in does what matters here, in the
// same place. Checked by hand with Astro 7.4 (astro build, astro dev): the same messages.
const ASTRO_STAND_IN = `const astro = {
  name: "astro:build",
  enforce: "pre",
  transform(code, id) {
    if (!id.endsWith(".astro")) return null;
    const frontmatter = /^---\\n([\\s\\S]*?)\\n---/.exec(code)[1];
    const js = frontmatter.replace(/\\/\\*[\\s\\S]*?\\*\\//g, "").replace(/: [A-Za-z]+(?:<[^>]*>)?/g, "");
    return { code: \`\${js}\\nexport default async function render() { return "page"; }\\n\`, map: null };
  },
};
`;

test("Astro (a stand-in for its Vite plugin, which compiles a component's frontmatter first): vite build fails with TS46011 at the tag of a tagged class in the frontmatter, warns TS46011 at an await using alone, and builds a page without either", (t) => {
  const page = (frontmatter) => `---\n${frontmatter}---\n<p>page</p>\n`;
  const dir = writeApp("astro", {
    "src/Tagged.astro": page("const n: number = 1;\n/** @asyncInit */\nclass Db {\n  async init(): Promise<void> {}\n}\nawait new Db();\n"),
    "src/Uses.astro": page("const open = (): AsyncDisposable => ({ async [Symbol.asyncDispose]() {} });\n{\n  await using tx = open();\n}\n"),
    "src/Plain.astro": page("// This page holds no await using.\nconst n: number = 1;\n"),
    "src/tagged.ts": 'import render from "./Tagged.astro";\n\nconsole.log(await render());\n',
    "src/uses.ts": 'import render from "./Uses.astro";\n\nconsole.log(await render());\n',
    "src/plain.ts": 'import render from "./Plain.astro";\n\nconsole.log(await render());\n',
    "vite.config.mjs": `import tsAsyncInit from "ts-async-init/vite";\n\n${ASTRO_STAND_IN}\nexport default { plugins: [astro, tsAsyncInit()] };\n`,
  });
  const tagged = run(bin("vite"), ["build", "--ssr", "src/tagged.ts"], { cwd: dir });
  t.not(tagged.code, 0, tagged.output);
  t.regex(
    tagged.output,
    /TS46011: ts-async-init never sees the TypeScript of this component's frontmatter: Astro strips its types itself, so a tagged class in it would not be rewritten.* Move them to a \.ts module that the component imports\./,
  );
  t.regex(tagged.output, /Tagged\.astro:3:\d+/);
  const uses = run(bin("vite"), ["build", "--ssr", "src/uses.ts"], { cwd: dir });
  t.is(uses.code, 0, uses.output);
  t.regex(
    uses.output,
    /Uses\.astro:4:\d+: TS46011: ts-async-init never sees the TypeScript of this component's frontmatter: Astro strips its types itself, so its `await using` is not tested/,
  );
  const plain = run(bin("vite"), ["build", "--ssr", "src/plain.ts"], { cwd: dir });
  t.is(plain.code, 0, plain.output);
  t.notRegex(plain.output, /TS46011/);
  t.is(run(NODE_24, ["dist/plain.js"], { cwd: dir }).stdout.trim(), "page");
});
