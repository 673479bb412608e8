/**
 * Seals personal data (phone numbers, addresses) before it is written to a column and opens it
 * when read. The SQL repositories use it; the domain never sees a sealed value.
 */
export interface FieldCipher {
  /** The id of the key new values are sealed under. */
  readonly currentKeyId: string;
  /**
   * Seals `plaintext`. `context` names where the value lives (`customers.phone:<id>`): a sealed
   * value copied into another row or column no longer opens.
   */
  encrypt(plaintext: string, context: string): string;
  /** Opens a sealed value; a value written before encryption existed is returned as it is. */
  decrypt(stored: string, context: string): string;
  /** Whether `stored` should be sealed again: not sealed at all, or under another key than the current one. */
  isStale(stored: string): boolean;
  /** The key id a stored value was sealed under; null for a value that is not sealed. */
  keyIdOf(stored: string): string | null;
  /** Whether this cipher holds the key with this id. */
  hasKey(keyId: string): boolean;
}
