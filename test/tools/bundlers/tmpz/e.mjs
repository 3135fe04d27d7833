import { build } from "esbuild";
import tsAsyncInit from "ts-async-init/esbuild";

await build({
  entryPoints: ["main.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: "out.mjs",
  loader: { ".ts": "tsx" },
  jsx: "automatic",
  jsxImportSource: "x",
  external: ["x"],
  plugins: [tsAsyncInit()],
});
await build({
  entryPoints: ["main.ts"],
  bundle: true,
  write: false,
  logLevel: "error",
  loader: { ".ts": "tsx" },
  plugins: [tsAsyncInit(), { name: "tsc", setup() {} }],
}).catch(() => console.log("failed as it should"));
