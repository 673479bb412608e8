import { Argument, type Command } from "@commander-js/extra-typings";
import { Tokens, type EmporiumContainer } from "@emporium/adapters";
import { SYSTEM_ACTOR, type CustomerView, type Role } from "@emporium/domain";
import { adminCommand } from "../admin-command.js";
import { CliError } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { printJson } from "../output/print-json.js";
import { formatTable } from "../output/table.js";
import { withContainer } from "../with-container.js";

const ROLES = ["admin", "customer"] as const satisfies readonly Role[];

/** `emporium users …`: bootstrap admins, look at accounts, change roles, disable accounts. */
export function registerUsers(program: Command, io: CliIo): void {
  const users = program.command("users").description("manage customer and admin accounts");

  users
    .command("create-admin")
    .description("create an admin account, or promote (and re-enable) the account with that email")
    .requiredOption("--email <email>", "the admin's email; it is the login")
    .option("--name <name>", "display name", "Administrator")
    .option("--password-stdin", "read the password from standard input (first line)")
    .option("--password <password>", "the password (visible in the process list and shell history; prefer --password-stdin)")
    .addHelpText(
      "after",
      "\nExample:\n  $ printf '%s\\n' \"$ADMIN_PASSWORD\" | emporium users create-admin --email owner@example.com --password-stdin",
    )
    .action(async ({ email, name, passwordStdin, password }) => {
      const secret = await readPassword(io, passwordStdin === true, password);
      await withContainer(io, async (container) => {
        const result = await container.useCase("CreateAdmin").execute({ email, name, password: secret });
        if (!result.ok) throw CliError.from(result.error);
        const { customer, created } = result.value;
        io.stdout(
          created
            ? `Created admin ${customer.email} (id ${customer.id}).\n`
            : `${customer.email} (id ${customer.id}) is now an admin; its password and name are unchanged.\n`,
        );
      });
    });

  users
    .command("list")
    .description("list every account, oldest first")
    .option("--json", "one JSON array instead of a table")
    .addHelpText("after", "\nExamples:\n  $ emporium users list\n  $ emporium users list --json | jq '.[] | select(.role == \"admin\")'")
    .action(async ({ json }) => {
      const customers = await withContainer(io, listAll);
      if (json) printJson(io, customers.map(summary));
      else io.stdout(customers.length === 0 ? "No accounts yet.\n" : table(customers));
    });

  users
    .command("disable")
    .description("disable an account: it cannot log in, and its sessions end when their access token expires")
    .argument("<account>", "the account's id or email")
    .addHelpText("after", "\nExample:\n  $ emporium users disable mallory@example.com")
    .action(async (account) => {
      const updated = await updateAccount(io, account, { disabled: true });
      io.stdout(`Disabled ${updated.email} (id ${updated.id}); its refresh tokens are revoked.\n`);
    });

  users
    .command("enable")
    .description("enable a disabled account again")
    .argument("<account>", "the account's id or email")
    .addHelpText("after", "\nExample:\n  $ emporium users enable mallory@example.com")
    .action(async (account) => {
      const updated = await updateAccount(io, account, { disabled: false });
      io.stdout(`Enabled ${updated.email} (id ${updated.id}).\n`);
    });

  users
    .command("role")
    .description("give an account the admin or the customer role")
    .argument("<account>", "the account's id or email")
    .addArgument(new Argument("<role>", "the new role").choices(ROLES))
    .addHelpText("after", "\nExample:\n  $ emporium users role alice@example.com admin")
    .action(async (account, role) => {
      const updated = await updateAccount(io, account, { role });
      io.stdout(`${updated.email} (id ${updated.id}) now has the ${updated.role} role.\n`);
    });
}

async function updateAccount(
  io: CliIo,
  account: string,
  change: { readonly role?: Role; readonly disabled?: boolean },
): Promise<CustomerView> {
  return withContainer(io, async (container) => {
    const customerId = await accountId(container, account);
    const result = await container.useCase("UpdateCustomerAdmin").execute({ ...adminCommand(io), customerId, ...change });
    if (!result.ok) throw CliError.from(result.error);
    return result.value;
  });
}

/** An id as given, or the id of the account with that email. */
async function accountId(container: EmporiumContainer, account: string): Promise<string> {
  if (!account.includes("@")) return account;
  const customer = await container.get(Tokens.Repositories).customers.findByEmail(account.trim().toLowerCase());
  if (customer === null) throw new CliError(`no account has the email ${account}`, ExitCode.notFound);
  return customer.id;
}

async function readPassword(io: CliIo, fromStdin: boolean, given: string | undefined): Promise<string> {
  if (fromStdin && given !== undefined)
    throw new CliError("give the password once: --password-stdin or --password, not both", ExitCode.usage);
  if (given !== undefined) return given;
  if (!fromStdin) throw new CliError("no password: pipe it in with --password-stdin (or pass --password)", ExitCode.usage);
  const password = (await io.readStdin()).split(/\r?\n/)[0] ?? "";
  if (password === "") throw new CliError("--password-stdin read an empty password from standard input", ExitCode.usage);
  return password;
}

async function listAll(container: EmporiumContainer): Promise<CustomerView[]> {
  const list = container.useCase("ListCustomers");
  const customers: CustomerView[] = [];
  let cursor: string | null = null;
  do {
    const page = await list.execute({ actor: SYSTEM_ACTOR, limit: 100, cursor });
    if (!page.ok) throw CliError.from(page.error);
    customers.push(...page.value.items);
    cursor = page.value.nextCursor;
  } while (cursor !== null);
  return customers;
}

// Contact details stay out of the listing: an operator rarely needs them and terminals are logged.
const summary = ({ id, email, name, role, disabled, createdAt }: CustomerView) => ({
  id,
  email,
  name,
  role,
  disabled,
  createdAt: createdAt.toISOString(),
});

const table = (customers: readonly CustomerView[]): string =>
  formatTable(
    ["ID", "EMAIL", "NAME", "ROLE", "STATUS", "CREATED"],
    customers.map((c) => [c.id, c.email, c.name, c.role, c.disabled ? "disabled" : "active", c.createdAt.toISOString()]),
  );
