export interface IdGenerator {
  /** A new unique id, sortable by creation time. */
  next(): string;
}
