/** `ts-async-init/api`: the text back end, for tools that compile TypeScript without the TypeScript compiler's emit (see frontends/api.ts). */
export { plumbingModule, type TransformDiagnostic, type TransformOptions, type TransformResult, transform } from "./frontends/api";
