// Uses the tagged classes of resources.ts with `await using`, compiled alone (no checker),
// and prints what happened, one line per case.
import { Logged, NoTeardown, Resource, log, open } from "./resources.js";

async function cases(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};

  {
    await using a = new Resource("new"), b = open("factory");
    log.push("body");
  }
  out.imported = log.splice(0);

  {
    await using n = new NoTeardown();
    log.push("body");
  }
  out.noTeardown = log.splice(0);

  for (await using r of [new Resource("one"), new Resource("two")]) log.push(`body ${r.name}`);
  out.loop = log.splice(0);

  for (await using r = new Resource("head"); log.length < 3; ) log.push(`body ${r.name}`);
  out.loopHead = log.splice(0);

  try {
    await using failing = new Logged("failing", new Error("boom"));
    log.push("body");
  } catch (error) {
    log.push(`caught ${(error as Error).message}`);
  }
  out.failing = log.splice(0);

  // An untagged disposable, a ready instance: entered with no added turn. A foreign thenable's `then` is never read.
  const plain = { async [Symbol.asyncDispose]() {} };
  let thenRead = false;
  const thenable = {
    get then() {
      thenRead = true;
      return undefined;
    },
    async [Symbol.asyncDispose]() {},
  };
  const ready = await new Resource("ready");
  log.splice(0);
  const entered: string[] = [];
  const order = async (name: string, value: AsyncDisposable) => {
    let body = false;
    queueMicrotask(() => entered.push(body ? `${name}: body first` : `${name}: a turn first`));
    {
      await using _ = value;
      body = true;
    }
  };
  await order("plain", plain);
  await order("thenable", thenable);
  await order("ready", ready);
  out.noAddedTurn = entered;
  out.thenRead = thenRead;
  log.splice(0);

  // A Proxy whose get trap throws for a key it does not know (a strict mock): used as written.
  const strict = new Proxy(
    { async [Symbol.asyncDispose]() { log.push("disposed"); } },
    {
      get(target, key) {
        if (!(key in target)) throw new RangeError(`unknown key ${String(key)}`);
        return Reflect.get(target, key);
      },
    },
  );
  {
    await using _ = strict;
    log.push("body");
  }
  out.strictProxy = log.splice(0);
  return out;
}

cases().then((out) => console.log(JSON.stringify(out)));
