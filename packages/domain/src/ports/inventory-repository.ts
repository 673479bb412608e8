import type { Product, VariantStatus } from "../catalog/product.js";
import type { Reservation, ReservationStatus, StockDelta, StockLevel, StockMovement } from "../inventory/stock.js";
import type { Page, PageRequest } from "./page.js";

/** What a cart needs of one SKU, read in one go: its variant, a few fields of its product, and its stock. */
export interface SkuForSale {
  readonly sku: string;
  readonly price: number;
  readonly options: Readonly<Record<string, string>>;
  readonly variantStatus: VariantStatus;
  readonly product: Pick<Product, "id" | "slug" | "name" | "status" | "taxClass">;
  /** null when the SKU has no stock row. */
  readonly level: StockLevel | null;
}

export interface InventoryRepository {
  findManyBySkus(skus: readonly string[]): Promise<StockLevel[]>;
  /** The variants of these SKUs with their products and stock (one read where the store allows), SKU order; unknown SKUs are left out. */
  findForSale(skus: readonly string[]): Promise<SkuForSale[]>;
  /** Creates the level when missing; sets its threshold otherwise. Never touches counts of an existing row. */
  ensure(sku: string, lowStockThreshold: number): Promise<void>;
  /** `ensure` for many SKUs at once (each given once), in one statement where the store allows. */
  ensureMany(levels: readonly { readonly sku: string; readonly lowStockThreshold: number }[]): Promise<void>;
  /**
   * Atomically applies `delta` if the result keeps `0 <= reserved <= onHand`
   * (a conditional update / compare-and-set). Returns the new level, or null when refused.
   */
  applyDelta(sku: string, delta: StockDelta): Promise<StockLevel | null>;
  /**
   * `applyDelta` for many SKUs (each given once) in one statement where the store allows: each
   * delta is applied or refused on its own. The new levels in the order given, null where refused.
   */
  applyDeltas(changes: readonly { readonly sku: string; readonly delta: StockDelta }[]): Promise<(StockLevel | null)[]>;
  insertMovement(movement: StockMovement): Promise<void>;
  /** Inserts many movements at once. */
  insertMovements(movements: readonly StockMovement[]): Promise<void>;
  listMovements(sku: string, page: PageRequest): Promise<Page<StockMovement>>;
  /** Levels with `onHand - reserved <= lowStockThreshold`, SKU order. */
  listLow(page: PageRequest): Promise<Page<StockLevel>>;

  insertReservation(reservation: Reservation): Promise<void>;
  findReservationById(id: string): Promise<Reservation | null>;
  /** Compare-and-set on status: true only for the one caller that moved it from `from`. */
  updateReservationStatus(id: string, from: ReservationStatus, to: ReservationStatus): Promise<boolean>;
  /** Ids of active reservations with `expiresAt <= now`, oldest first. */
  findExpiredReservationIds(now: Date, limit: number): Promise<string[]>;
}
