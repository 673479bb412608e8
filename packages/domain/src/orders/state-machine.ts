import { err, ok, type Result } from "../errors.js";

/** A transition table: for each state, the events it accepts and the state each leads to. */
export type TransitionTable<S extends string, E extends string> = Readonly<Partial<Record<S, Readonly<Partial<Record<E, S>>>>>>;

export interface RejectedTransition<S extends string, E extends string> {
  readonly from: S;
  readonly event: E;
}

/** Looks up `event` in `state`'s row; any pair not in the table is rejected. */
export function nextState<S extends string, E extends string>(
  table: TransitionTable<S, E>,
  state: S,
  event: E,
): Result<S, RejectedTransition<S, E>> {
  const to = table[state]?.[event];
  return to === undefined ? err({ from: state, event }) : ok(to);
}
