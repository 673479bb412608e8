import type { Customer } from "../customers/customer.js";
import type { Page, PageRequest } from "./page.js";

export interface CustomerRepository {
  findById(id: string): Promise<Customer | null>;
  /** Case-insensitive. */
  findByEmail(email: string): Promise<Customer | null>;
  list(page: PageRequest): Promise<Page<Customer>>;
  /** Returns false when the email is already taken. */
  insert(customer: Customer): Promise<boolean>;
  update(customer: Customer): Promise<void>;
}
