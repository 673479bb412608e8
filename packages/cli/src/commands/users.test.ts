import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../exit-codes.js";
import { openSqliteShop, type CliShop } from "../test-support/cli-shop.js";

describe("emporium users disable, enable and role", () => {
  let shop: CliShop;
  let customerId: string;
  beforeAll(async () => {
    shop = await openSqliteShop();
    const registered = await (
      await shop.container()
    )
      .useCase("RegisterCustomer")
      .execute({ email: "mallory@example.com", password: "correct horse battery staple", name: "Mallory" });
    if (!registered.ok) throw new Error(registered.error.message);
    customerId = registered.value.customer.id;
  });
  afterAll(() => shop.close());

  const account = async () => {
    const listed = JSON.parse((await shop.run(["users", "list", "--json"])).stdout) as { id: string; role: string; disabled: boolean }[];
    return listed.find((entry) => entry.id === customerId);
  };

  it("disables and enables an account by email, and records who did it", async () => {
    expect(await shop.run(["users", "disable", "Mallory@Example.com"])).toEqual({
      code: ExitCode.ok,
      stdout: `Disabled mallory@example.com (id ${customerId}); its refresh tokens are revoked.\n`,
      stderr: "",
    });
    expect(await account()).toMatchObject({ disabled: true });
    const login = await (
      await shop.container()
    )
      .useCase("AuthenticateCustomer")
      .execute({ email: "mallory@example.com", password: "correct horse battery staple" });
    expect(login.ok).toBe(false);

    expect((await shop.run(["users", "enable", customerId])).stdout).toBe(`Enabled mallory@example.com (id ${customerId}).\n`);
    expect(await account()).toMatchObject({ disabled: false });

    const audit = await (await shop.container()).get(Tokens.Repositories).audit.list({ limit: 10, cursor: null });
    expect(audit.items.map((entry) => [entry.actor, entry.action])).toContainEqual(["cli:tester", "customer.update"]);
  });

  it("changes the role", async () => {
    expect((await shop.run(["users", "role", customerId, "admin"])).stdout).toBe(
      `mallory@example.com (id ${customerId}) now has the admin role.\n`,
    );
    expect(await account()).toMatchObject({ role: "admin" });
    await shop.run(["users", "role", "mallory@example.com", "customer"]);
    expect(await account()).toMatchObject({ role: "customer" });
  });

  it("says when the account or the role does not exist", async () => {
    expect(await shop.run(["users", "disable", "nobody@example.com"])).toMatchObject({
      code: ExitCode.notFound,
      stderr: "emporium: no account has the email nobody@example.com\n",
    });
    expect((await shop.run(["users", "disable", "01NOSUCHID"])).code).toBe(ExitCode.notFound);
    const badRole = await shop.run(["users", "role", customerId, "owner"]);
    expect(badRole.code, badRole.stderr).toBe(ExitCode.usage);
    expect(badRole.stderr).toMatch(/Allowed choices are admin, customer/);
  });
});
