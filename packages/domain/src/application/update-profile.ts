import { validateAddress } from "../customers/customer-rules.js";
import type { Address } from "../customers/customer.js";
import { err, invalid, notFound, ok, type FieldIssue, type InvalidInputError, type NotFoundError, type Result } from "../errors.js";
import type { AppDeps } from "./context.js";
import { toCustomerView, type CustomerView } from "./customer-view.js";
import { validateName } from "./validate-name.js";

export interface UpdateProfileInput {
  readonly customerId: string;
  readonly name?: string;
  /** null clears the phone number. */
  readonly phone?: string | null;
  /** Replaces the whole address book. */
  readonly addresses?: readonly Address[];
}

export const MAX_ADDRESSES = 20;
const PHONE = /^\+?[0-9 ()./-]{3,32}$/;

/** Changes the signed-in customer's name, phone or addresses; email, role and password have their own paths. */
export class UpdateProfile {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock">) {}

  async execute(input: UpdateProfileInput): Promise<Result<CustomerView, InvalidInputError | NotFoundError>> {
    const issues = validateProfile(input);
    if (issues.length > 0) return err(invalid(...issues));
    return this.deps.uow.run(async (tx): Promise<Result<CustomerView, NotFoundError>> => {
      const customer = await tx.customers.findById(input.customerId);
      if (customer === null) return err(notFound("customer", input.customerId));
      const updated = {
        ...customer,
        name: input.name?.trim() ?? customer.name,
        phone: input.phone === undefined ? customer.phone : input.phone === null ? null : input.phone.trim(),
        addresses: input.addresses ?? customer.addresses,
        updatedAt: this.deps.clock.now(),
      };
      await tx.customers.update(updated);
      return ok(toCustomerView(updated));
    });
  }
}

function validateProfile(input: UpdateProfileInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.name !== undefined) issues.push(...validateName(input.name, "name"));
  if (typeof input.phone === "string" && !PHONE.test(input.phone.trim())) {
    issues.push({ path: "phone", message: "must be a phone number of digits, spaces and + ( ) . / -" });
  }
  if (input.addresses !== undefined) {
    if (input.addresses.length > MAX_ADDRESSES) issues.push({ path: "addresses", message: `must hold at most ${MAX_ADDRESSES} addresses` });
    input.addresses.forEach((address, i) => issues.push(...validateAddress(address, `addresses[${i}]`)));
  }
  return issues;
}
