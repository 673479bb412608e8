import type { Cart, CartRepository } from "@emporium/domain";
import { copy } from "./memory-state.js";
import type { StateAccess } from "./memory-store.js";

export class InMemoryCartRepository implements CartRepository {
  constructor(private readonly access: StateAccess) {}

  async findById(id: string): Promise<Cart | null> {
    const cart = this.access.read().carts.get(id);
    return cart === undefined ? null : copy(cart);
  }

  async findByCustomerId(customerId: string): Promise<Cart | null> {
    return this.findWhere((c) => c.customerId === customerId);
  }

  async findByToken(token: string): Promise<Cart | null> {
    return this.findWhere((c) => c.token === token);
  }

  async save(cart: Cart): Promise<void> {
    await this.access.write((state) => {
      for (const other of state.carts.values()) {
        if (other.id === cart.id) continue;
        if (cart.customerId !== null && other.customerId === cart.customerId) {
          throw new Error(`unique constraint: customer ${cart.customerId} already has cart ${other.id}`);
        }
        if (cart.token !== null && other.token === cart.token) throw new Error("unique constraint: cart token is taken");
      }
      state.carts.set(cart.id, copy(cart));
    });
  }

  async delete(id: string): Promise<void> {
    await this.access.write((state) => {
      state.carts.delete(id);
    });
  }

  private async findWhere(predicate: (cart: Cart) => boolean): Promise<Cart | null> {
    const cart = [...this.access.read().carts.values()].find(predicate);
    return cart === undefined ? null : copy(cart);
  }
}
