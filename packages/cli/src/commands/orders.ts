import { Option, type Command } from "@commander-js/extra-typings";
import { Tokens, type EmporiumContainer } from "@emporium/adapters";
import type { DomainError, Order, Result } from "@emporium/domain";
import { adminCommand } from "../admin-command.js";
import { CliError } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { allOrders } from "../orders/all-orders.js";
import { describeOrder } from "../orders/describe-order.js";
import { ORDER_STATUSES } from "../orders/order-statuses.js";
import { amount, orderView } from "../orders/order-view.js";
import { printJson } from "../output/print-json.js";
import { formatTable } from "../output/table.js";
import { withContainer } from "../with-container.js";
import { wholeNumber } from "./parse-number.js";

/** `emporium orders …`: look at orders and move them along the order state machine. */
export function registerOrders(program: Command, io: CliIo): void {
  const orders = program.command("orders").description("list, show, ship, deliver, cancel and refund orders");

  orders
    .command("list")
    .description("orders, newest first")
    .addOption(new Option("--status <status>", "only orders in this status").choices(ORDER_STATUSES))
    .option("--limit <n>", "at most this many", wholeNumber, 50)
    .option("--json", "one JSON array instead of a table")
    .addHelpText("after", "\nExamples:\n  $ emporium orders list --status paid\n  $ emporium orders list --json --limit 500")
    .action(async ({ status, limit, json }) => {
      const found = await withContainer(io, async (container) => {
        const list: Order[] = [];
        for await (const order of allOrders(container.useCase("ListOrders"), status, limit)) list.push(order);
        return list;
      });
      if (json) printJson(io, found.map(orderView));
      else if (found.length === 0) io.stdout(status === undefined ? "No orders yet.\n" : `No ${status} orders.\n`);
      else
        io.stdout(
          formatTable(
            ["NUMBER", "ID", "STATUS", "ITEMS", "TOTAL", "CUSTOMER", "CREATED"],
            found.map((order) => [
              order.number,
              order.id,
              order.status,
              String(order.lines.reduce((sum, line) => sum + line.quantity, 0)),
              amount(order.totals.total, order.currency),
              order.customerId,
              order.createdAt.toISOString(),
            ]),
          ),
        );
    });

  orders
    .command("show")
    .description("one order with its lines, totals, payment, address and history")
    .argument("<id>", "the order's id")
    .option("--json", "the order as JSON")
    .addHelpText("after", "\nExample:\n  $ emporium orders show 01J0Z8K5W6Q4N3M2P1R0S9T8V7")
    .action(async (orderId, { json }) => {
      const order = await withContainer(io, async (container) => unwrap(await container.useCase("GetOrder").execute({ orderId })));
      if (json) printJson(io, orderView(order));
      else io.stdout(describeOrder(order));
    });

  orders
    .command("ship")
    .description("mark a paid order shipped; the customer is notified with the tracking number")
    .argument("<id>", "the order's id")
    .requiredOption("--tracking <number>", "the carrier's tracking number")
    .addHelpText("after", "\nExample:\n  $ emporium orders ship 01J0Z8K5W6Q4N3M2P1R0S9T8V7 --tracking 1Z999AA10123456784")
    .action(async (orderId, { tracking }) => {
      const order = await change(io, (container) =>
        container.useCase("ShipOrder").execute({ ...adminCommand(io), orderId, trackingNumber: tracking }),
      );
      io.stdout(`Order ${order.number} is shipped (tracking ${order.trackingNumber ?? tracking}).\n`);
    });

  orders
    .command("deliver")
    .description("mark a shipped order delivered")
    .argument("<id>", "the order's id")
    .addHelpText("after", "\nExample:\n  $ emporium orders deliver 01J0Z8K5W6Q4N3M2P1R0S9T8V7")
    .action(async (orderId) => {
      const order = await change(io, (container) => container.useCase("DeliverOrder").execute({ ...adminCommand(io), orderId }));
      io.stdout(`Order ${order.number} is delivered.\n`);
    });

  orders
    .command("cancel")
    .description("cancel an order: unpaid, its reserved stock is released; paid, it is refunded and restocked")
    .argument("<id>", "the order's id")
    .addHelpText("after", "\nExample:\n  $ emporium orders cancel 01J0Z8K5W6Q4N3M2P1R0S9T8V7")
    .action(async (orderId) => {
      const order = await change(io, (container) => container.useCase("CancelOrder").execute({ ...adminCommand(io), orderId }));
      io.stdout(
        order.status === "refunded"
          ? `Order ${order.number} was paid: it is refunded and its stock is back on hand.\n`
          : `Order ${order.number} is cancelled; its reserved stock is released.\n`,
      );
    });

  orders
    .command("refund")
    .description("refund a shipped or delivered order (a return)")
    .argument("<id>", "the order's id")
    .option("--restock", "put the returned goods back on hand")
    .addHelpText("after", "\nExample:\n  $ emporium orders refund 01J0Z8K5W6Q4N3M2P1R0S9T8V7 --restock")
    .action(async (orderId, { restock }) => {
      const order = await change(io, (container) =>
        container.useCase("RefundOrder").execute({ ...adminCommand(io), orderId, restock: restock === true }),
      );
      io.stdout(`Order ${order.number} is refunded${restock === true ? " and its goods are back on hand" : ""}.\n`);
    });
}

/** Runs a state change, then delivers its events (the customer's mail, stock updates) before the process ends. */
async function change(io: CliIo, run: (container: EmporiumContainer) => Promise<Result<Order, DomainError>>): Promise<Order> {
  return withContainer(io, async (container) => {
    const order = unwrap(await run(container));
    await container.get(Tokens.OutboxProcessor).drain();
    return order;
  });
}

function unwrap(result: Result<Order, DomainError>): Order {
  if (!result.ok) throw CliError.from(result.error);
  return result.value;
}
