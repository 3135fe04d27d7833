// Every kind of `await using` of an imported tagged class: `new`, a factory call,
// the elements of `for (await using … of …)`, and a class without a teardown of its
// own. Each must be ready in its body.
import { Bare, Resource, log, openResource } from "./resource";

export async function main(): Promise<string> {
  {
    await using x = new Resource("x");
    log.push(`body ${x.name}`);
  }
  {
    await using y = openResource("y");
    log.push(`body ${y.name}`);
  }
  for (await using z of [new Resource("z")]) {
    log.push(`body ${z.name}`);
  }
  {
    await using w = new Bare();
    log.push(`body bare ${w.ready}`);
  }
  return log.join(", ");
}
