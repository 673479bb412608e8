import type { Customer } from "../customers/customer.js";

/** A customer as use cases return it: everything but the password hash. */
export type CustomerView = Omit<Customer, "passwordHash">;

/** Drops the password hash, so it can never reach a response by accident. */
export function toCustomerView(customer: Customer): CustomerView {
  const { passwordHash: _omitted, ...view } = customer;
  return view;
}
