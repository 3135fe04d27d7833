// TypeScript 5.4 with ts-patch 3.3 (Node 20): the exec semantics tests, the fixtures' behaviour and the tspc tests (see shared.mjs).
import "./choose.mjs?5.4";
import "./shared.mjs";
