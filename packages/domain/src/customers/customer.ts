export type Role = "customer" | "admin";

export interface Address {
  readonly name: string;
  readonly line1: string;
  readonly line2?: string | null;
  readonly city: string;
  readonly postalCode: string;
  readonly region?: string | null;
  readonly country: string;
  readonly phone?: string | null;
}

/** A customer account. `email` is stored lower-cased; phone and addresses are encrypted at rest by adapters. */
export interface Customer {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly phone: string | null;
  readonly addresses: readonly Address[];
  readonly passwordHash: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
