import type { Customer, CustomerRepository, Page, PageRequest } from "@emporium/domain";
import { copy } from "./memory-state.js";
import { paginate } from "./memory-page.js";
import type { StateAccess } from "./memory-store.js";

const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export class InMemoryCustomerRepository implements CustomerRepository {
  constructor(private readonly access: StateAccess) {}

  async findById(id: string): Promise<Customer | null> {
    const customer = this.access.read().customers.get(id);
    return customer === undefined ? null : copy(customer);
  }

  async findByEmail(email: string): Promise<Customer | null> {
    const customer = [...this.access.read().customers.values()].find((c) => sameEmail(c.email, email));
    return customer === undefined ? null : copy(customer);
  }

  /** Oldest first. */
  async list(page: PageRequest): Promise<Page<Customer>> {
    const result = paginate(
      this.access.read().customers.values(),
      { key: (c) => [c.createdAt.getTime(), c.id], descending: [false, false] },
      page,
    );
    return { items: result.items.map(copy), nextCursor: result.nextCursor };
  }

  async insert(customer: Customer): Promise<boolean> {
    return this.access.write((state) => {
      if (state.customers.has(customer.id)) throw new Error(`unique constraint: customer ${customer.id} exists`);
      if ([...state.customers.values()].some((c) => sameEmail(c.email, customer.email))) return false;
      state.customers.set(customer.id, copy(customer));
      return true;
    });
  }

  async update(customer: Customer): Promise<void> {
    await this.access.write((state) => {
      if (!state.customers.has(customer.id)) throw new Error(`customer ${customer.id} does not exist`);
      if ([...state.customers.values()].some((c) => c.id !== customer.id && sameEmail(c.email, customer.email))) {
        throw new Error(`unique constraint: email of customer ${customer.id} is taken`);
      }
      state.customers.set(customer.id, copy(customer));
    });
  }
}
