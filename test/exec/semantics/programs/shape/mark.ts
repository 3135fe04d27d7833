export const mark: unique symbol = Symbol("mark");
