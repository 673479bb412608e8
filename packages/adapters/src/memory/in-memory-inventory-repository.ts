import {
  applyStockDelta,
  type InventoryRepository,
  type Page,
  type PageRequest,
  type Reservation,
  type ReservationStatus,
  type SkuForSale,
  type StockDelta,
  type StockLevel,
  type StockMovement,
} from "@emporium/domain";
import { copy } from "./memory-state.js";
import { paginate } from "./memory-page.js";
import type { StateAccess } from "./memory-store.js";

export class InMemoryInventoryRepository implements InventoryRepository {
  constructor(private readonly access: StateAccess) {}

  async findManyBySkus(skus: readonly string[]): Promise<StockLevel[]> {
    const stock = this.access.read().stock;
    return [...new Set(skus)].sort().flatMap((sku) => {
      const level = stock.get(sku);
      return level === undefined ? [] : [copy(level)];
    });
  }

  async findForSale(skus: readonly string[]): Promise<SkuForSale[]> {
    const state = this.access.read();
    const wanted = new Set(skus);
    const found: SkuForSale[] = [];
    for (const product of state.products.values()) {
      for (const variant of product.variants) {
        if (!wanted.has(variant.sku)) continue;
        const level = state.stock.get(variant.sku);
        found.push({
          sku: variant.sku,
          price: variant.price,
          options: { ...variant.options },
          variantStatus: variant.status,
          product: { id: product.id, slug: product.slug, name: product.name, status: product.status, taxClass: product.taxClass },
          level: level === undefined ? null : copy(level),
        });
      }
    }
    return found.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  }

  async ensure(sku: string, lowStockThreshold: number): Promise<void> {
    await this.access.write((state) => {
      const level = state.stock.get(sku);
      state.stock.set(sku, level === undefined ? { sku, onHand: 0, reserved: 0, lowStockThreshold } : { ...level, lowStockThreshold });
    });
  }

  async ensureMany(levels: readonly { readonly sku: string; readonly lowStockThreshold: number }[]): Promise<void> {
    if (levels.length === 0) return;
    await this.access.write((state) => {
      for (const { sku, lowStockThreshold } of levels) {
        const level = state.stock.get(sku);
        state.stock.set(sku, level === undefined ? { sku, onHand: 0, reserved: 0, lowStockThreshold } : { ...level, lowStockThreshold });
      }
    });
  }

  async applyDelta(sku: string, delta: StockDelta): Promise<StockLevel | null> {
    return this.access.write((state) => {
      const level = state.stock.get(sku);
      const next = level === undefined ? null : applyStockDelta(level, delta);
      if (next === null) return null;
      state.stock.set(sku, next);
      return copy(next);
    });
  }

  async applyDeltas(changes: readonly { readonly sku: string; readonly delta: StockDelta }[]): Promise<(StockLevel | null)[]> {
    if (changes.length === 0) return [];
    return this.access.write((state) =>
      changes.map(({ sku, delta }) => {
        const level = state.stock.get(sku);
        const next = level === undefined ? null : applyStockDelta(level, delta);
        if (next === null) return null;
        state.stock.set(sku, next);
        return copy(next);
      }),
    );
  }

  async insertMovements(movements: readonly StockMovement[]): Promise<void> {
    if (movements.length === 0) return;
    await this.access.write((state) => {
      for (const movement of movements) {
        if (!state.stock.has(movement.sku)) throw new Error(`foreign key: no stock level for sku ${movement.sku}`);
      }
      for (const movement of movements) state.movements.push(copy(movement));
    });
  }

  async insertMovement(movement: StockMovement): Promise<void> {
    await this.access.write((state) => {
      if (!state.stock.has(movement.sku)) throw new Error(`foreign key: no stock level for sku ${movement.sku}`);
      state.movements.push(copy(movement));
    });
  }

  /** Newest first. */
  async listMovements(sku: string, page: PageRequest): Promise<Page<StockMovement>> {
    const movements = this.access.read().movements.filter((m) => m.sku === sku);
    const result = paginate(movements, { key: (m) => [m.at.getTime(), m.id], descending: [true, true] }, page);
    return { items: result.items.map(copy), nextCursor: result.nextCursor };
  }

  async listLow(page: PageRequest): Promise<Page<StockLevel>> {
    const low = [...this.access.read().stock.values()].filter((l) => l.onHand - l.reserved <= l.lowStockThreshold);
    const result = paginate(low, { key: (l) => [l.sku], descending: [false] }, page);
    return { items: result.items.map(copy), nextCursor: result.nextCursor };
  }

  async insertReservation(reservation: Reservation): Promise<void> {
    await this.access.write((state) => {
      if (state.reservations.has(reservation.id)) throw new Error(`unique constraint: reservation ${reservation.id} exists`);
      state.reservations.set(reservation.id, copy(reservation));
    });
  }

  async findReservationById(id: string): Promise<Reservation | null> {
    const reservation = this.access.read().reservations.get(id);
    return reservation === undefined ? null : copy(reservation);
  }

  async updateReservationStatus(id: string, from: ReservationStatus, to: ReservationStatus): Promise<boolean> {
    return this.access.write((state) => {
      const reservation = state.reservations.get(id);
      if (reservation === undefined || reservation.status !== from) return false;
      state.reservations.set(id, { ...reservation, status: to });
      return true;
    });
  }

  async findExpiredReservationIds(now: Date, limit: number): Promise<string[]> {
    return [...this.access.read().reservations.values()]
      .filter((r) => r.status === "active" && r.expiresAt.getTime() <= now.getTime())
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || (a.id < b.id ? -1 : 1))
      .slice(0, Math.max(0, limit))
      .map((r) => r.id);
  }
}
