import type { Bind, MapToResolvedValueInjectOptions } from "inversify";
import type { Token } from "./tokens.js";

/** Binds `token` to a value that already exists. */
export function constant<T>(bind: Bind, token: Token<T>, value: T): void {
  bind<T>(token).toConstantValue(value);
}

/**
 * Binds `token` to a singleton built by `factory` from the services of `deps`, checked
 * against the factory's parameters (inversify alone cannot type a Symbol).
 */
export function singleton<T, A extends unknown[]>(
  bind: Bind,
  token: Token<T>,
  deps: { readonly [K in keyof A]: Token<A[K]> },
  factory: (...args: A) => T,
): void {
  bind<T>(token)
    .toResolvedValue(factory, deps as unknown as MapToResolvedValueInjectOptions<A>)
    .inSingletonScope();
}
