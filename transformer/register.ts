/**
 * `ts-async-init/register`: `node --import ts-async-init/register app.ts` (see
 * frontends/register/index.ts). Importing this module registers the load hook.
 */
import { registerLoadHook } from "./frontends/register";

// Under `--require ts-async-init/register`, Node's preloader is this module's parent.
registerLoadHook(module.parent?.id === "internal/preload");
