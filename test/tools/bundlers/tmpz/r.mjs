import { rollup } from "rollup";
import esbuild from "rollup-plugin-esbuild";
import tsAsyncInit from "ts-async-init/rollup";

try {
  await rollup({ input: "main.ts", plugins: [esbuild({ target: "esnext" }), tsAsyncInit()] });
  console.log("built");
} catch (e) {
  console.log(e.message);
}
try {
  await rollup({ input: "main.ts", plugins: [[tsAsyncInit()], esbuild({ target: "esnext", loaders: { ".ts": "tsx" }, jsx: "preserve" })] });
  console.log("built 2");
} catch (e) {
  console.log(e.message);
}
