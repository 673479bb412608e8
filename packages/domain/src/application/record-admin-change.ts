import type { Repositories } from "../ports/unit-of-work.js";
import type { Actor, AppDeps } from "./context.js";

/** What every admin mutation's input carries for the audit log. */
export interface AdminCommand {
  readonly actor: Actor;
  /** The HTTP request id (or CLI run id) that caused the change. */
  readonly requestId?: string;
}

export interface AdminChange {
  /** `<entity>.<verb>`, e.g. `product.update`. */
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Appends an audit entry inside the transaction of the change it records. */
export async function recordAdminChange(
  tx: Repositories,
  deps: Pick<AppDeps, "ids" | "clock">,
  command: AdminCommand,
  change: AdminChange,
): Promise<void> {
  await tx.audit.append({
    id: deps.ids.next(),
    actor: command.actor.id,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: change.before,
    after: change.after,
    requestId: command.requestId ?? null,
    at: deps.clock.now(),
  });
}
