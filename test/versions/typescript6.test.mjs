// TypeScript 6.0 with ts-patch 4 (its tspc run by Node 22): the exec semantics tests, the fixtures' behaviour and the tspc tests (see shared.mjs).
import "./choose.mjs?6.0";
import "./shared.mjs";
