import { sql, type Kysely, type Selectable } from "kysely";
import type { Address, Customer, CustomerRepository, Page, PageRequest, Role } from "@emporium/domain";
import { flag, fromFlag, iso, toDate } from "./codec.js";
import type { CustomersTable, Database } from "./database.js";
import type { FieldCipher } from "./encryption/field-cipher.js";
import { after, decodeCursor, orderBy, pageLimit, toPage, type SortKey } from "./keyset.js";

const KEYS: readonly SortKey[] = [
  { expression: sql.ref("created_at"), descending: false, type: "string" },
  { expression: sql.ref("id"), descending: false, type: "string" },
];

// Matches the unique index on lower(email).
const emailKey = sql<string>`lower(email)`;
const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Phone numbers and addresses are sealed by `cipher` in their columns; everything else is stored as it is. */
export class KyselyCustomerRepository implements CustomerRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: FieldCipher,
  ) {}

  async findById(id: string): Promise<Customer | null> {
    const row = await this.db.selectFrom("customers").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? null : this.toCustomer(row);
  }

  async findByEmail(email: string): Promise<Customer | null> {
    const row = await this.db.selectFrom("customers").selectAll().where(emailKey, "=", normalizeEmail(email)).executeTakeFirst();
    return row === undefined ? null : this.toCustomer(row);
  }

  /** Oldest first. */
  async list(page: PageRequest): Promise<Page<Customer>> {
    const limit = pageLimit(page);
    let select = this.db.selectFrom("customers").selectAll();
    if (page.cursor) select = select.where(after(KEYS, decodeCursor(page.cursor, KEYS)));
    const rows = await select
      .orderBy(orderBy(KEYS))
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (row) => [toDate(row.created_at).toISOString(), row.id],
      (pageRows) => pageRows.map((row) => this.toCustomer(row)),
    );
  }

  /** ON CONFLICT DO NOTHING on the email index: two registrations racing for one email, one wins. */
  async insert(customer: Customer): Promise<boolean> {
    const existing = await this.db.selectFrom("customers").select("id").where("id", "=", customer.id).executeTakeFirst();
    if (existing !== undefined) throw new Error(`unique constraint: customer ${customer.id} exists`);
    const inserted = await this.db
      .insertInto("customers")
      .values({ id: customer.id, ...this.toRow(customer) })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async update(customer: Customer): Promise<void> {
    const result = await this.db.updateTable("customers").set(this.toRow(customer)).where("id", "=", customer.id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new Error(`customer ${customer.id} does not exist`);
  }

  private toRow(customer: Customer) {
    return {
      email: customer.email,
      name: customer.name,
      phone: customer.phone === null ? null : this.cipher.encrypt(customer.phone, `customers.phone:${customer.id}`),
      addresses: this.cipher.encrypt(JSON.stringify(customer.addresses), `customers.addresses:${customer.id}`),
      password_hash: customer.passwordHash,
      role: customer.role,
      disabled: flag(customer.disabled),
      created_at: iso(customer.createdAt),
      updated_at: iso(customer.updatedAt),
    };
  }

  private toCustomer(row: Selectable<CustomersTable>): Customer {
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      phone: row.phone === null ? null : this.cipher.decrypt(row.phone, `customers.phone:${row.id}`),
      addresses: JSON.parse(this.cipher.decrypt(row.addresses, `customers.addresses:${row.id}`)) as Address[],
      passwordHash: row.password_hash,
      role: row.role as Role,
      disabled: fromFlag(row.disabled),
      createdAt: toDate(row.created_at),
      updatedAt: toDate(row.updated_at),
    };
  }
}
