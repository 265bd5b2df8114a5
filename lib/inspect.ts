/** Node's util.inspect.custom, by its registered name (keeps the typings free of @types/node). */
export const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;
