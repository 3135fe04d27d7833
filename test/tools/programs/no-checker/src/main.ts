// Every kind of `await using` of an imported tagged class: `new`, a factory call,
// and the elements of `for (await using … of …)`. Each must be ready in its body.
import { Resource, log, openResource } from "./resource";

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
  return log.join(", ");
}
