import tsAsyncInit from "ts-async-init/vite";
export default { plugins: [tsAsyncInit(), [tsAsyncInit()]], build: { minify: false } };
