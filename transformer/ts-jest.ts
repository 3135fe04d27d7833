/** `ts-async-init/ts-jest`: the entry ts-jest loads as an AST transformer (see frontends/ts-jest.ts). */
export { factory, name, type TsJestCompiler, version } from "./frontends/ts-jest";
