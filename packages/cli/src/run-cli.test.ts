import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Command } from "@commander-js/extra-typings";
import { ExitCode } from "./exit-codes.js";
import { createProgram } from "./program.js";
import { runCli } from "./run-cli.js";
import { captureIo } from "./test-support/capture-io.js";

const PASSWORD = "a long enough password";
let dir: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "emporium-cli-"));
  env = { DATABASE_URL: `sqlite:${join(dir, "shop.db")}`, LOG_LEVEL: "silent" };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = async (argv: string[], stdin = "", environment = env) => {
  const captured = captureIo(environment, stdin);
  const code = await runCli(argv, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
};

describe("emporium --help and usage errors", () => {
  it("lists the commands and the exit statuses", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(ExitCode.ok);
    for (const command of ["serve", "migrate", "seed", "users"]) expect(stdout).toContain(command);
    expect(stdout).toContain("Exit status:");
  });

  it("gives every operations command a help page with an example", async () => {
    const groups = [
      "serve",
      "worker",
      "migrate",
      "seed",
      "import",
      "export",
      "reindex",
      "stock",
      "orders",
      "users",
      "outbox",
      "dlq",
      "mail",
      "backup",
      "restore",
    ];
    const leaves: string[][] = [];
    const walk = (command: Command, path: string[]) => {
      const subcommands = command.commands as Command[];
      if (subcommands.length === 0) leaves.push(path);
      for (const sub of subcommands) walk(sub, [...path, sub.name()]);
    };
    for (const group of (createProgram(captureIo(env).io) as unknown as Command).commands as Command[]) {
      if (groups.includes(group.name())) walk(group, [group.name()]);
    }
    expect(leaves).toHaveLength(29);
    for (const path of leaves) {
      const { code, stdout } = await run([...path, "--help"]);
      expect({ path, code }).toEqual({ path, code: ExitCode.ok });
      expect(stdout, path.join(" ")).toMatch(/Examples?:\n {2}\$ (printf .*\| )?(\w+=\S+ )*emporium /);
    }
  });

  it("prints the stack trace only with --verbose", async () => {
    const quiet = await run(["orders", "show", "nope"]);
    expect(quiet).toMatchObject({ code: ExitCode.notFound, stderr: "emporium: order nope was not found\n" });
    const verbose = await run(["orders", "show", "nope", "--verbose"]);
    expect(verbose.code).toBe(ExitCode.notFound);
    expect(verbose.stderr.split("\n").length).toBeGreaterThan(3);
    expect(verbose.stderr).toMatch(/^emporium: order nope was not found\nCliError: order nope was not found\n\s+at /);
  });

  it("exits 64 with commander's one line for an unknown command", async () => {
    const { code, stderr } = await run(["frobnicate"]);
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it("exits 64 when a required option is missing", async () => {
    const { code, stderr } = await run(["users", "create-admin"]);
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toMatch(/--email <email>/);
  });
});

describe("commands that need a service or a file", () => {
  it("refuses to start the worker without AMQP_URL (exit 3)", async () => {
    const { code, stderr } = await run(["worker"]);
    expect(code).toBe(ExitCode.config);
    expect(stderr).toMatch(/^emporium: AMQP_URL must be set .*the worker and dead-letter commands need RabbitMQ\n$/);
  });

  it("has nothing to back up in an in-memory database (exit 3)", async () => {
    const { code, stderr } = await run(["backup", join(dir, "x.db")], "", { DATABASE_URL: "sqlite::memory:", LOG_LEVEL: "silent" });
    expect(code).toBe(ExitCode.config);
    expect(stderr).toBe("emporium: DATABASE_URL names an in-memory database: there is nothing to back up or restore\n");
  });
});

describe("emporium migrate", () => {
  it("applies the migrations once, then says the database is up to date", async () => {
    const first = await run(["migrate"]);
    expect(first.code).toBe(ExitCode.ok);
    expect(first.stdout).toMatch(/^Applied \d+ migrations?:\n {2}\S+/);
    const second = await run(["migrate"]);
    expect(second.stdout).toBe("The database is up to date.\n");
  });

  it("exits 3 with one line when the production profile has no JWT_SECRET", async () => {
    const { code, stderr } = await run(["users", "list"], "", { ...env, REDIS_URL: "redis://127.0.0.1:6379" });
    expect(code).toBe(3);
    expect(stderr).toBe(
      "emporium: JWT_SECRET must be set (at least 32 characters) in the production profile (PostgreSQL, REDIS_URL or AMQP_URL)\n",
    );
  });

  it("exits 3 with one line when PostgreSQL has no DATA_ENCRYPTION_KEY", async () => {
    const { code, stderr } = await run(["users", "list"], "", {
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
      JWT_SECRET: "a-jwt-secret-that-is-long-enough-0123456789",
      LOG_LEVEL: "silent",
    });
    expect(code).toBe(3);
    expect(stderr).toMatch(/^emporium: [^\n]*DATA_ENCRYPTION_KEY[^\n]*\n$/);
  });

  it("exits 3 with one line naming the variable when the configuration is wrong", async () => {
    const { code, stderr } = await run(["migrate"], "", { DATABASE_URL: "mysql://db/shop" });
    expect(code).toBe(ExitCode.config);
    expect(stderr).toBe("emporium: DATABASE_URL must start with sqlite: or postgres://, got mysql://db/shop\n");
  });
});

describe("emporium users", () => {
  it("creates an admin from a password on stdin, then promotes instead of duplicating", async () => {
    const created = await run(
      ["users", "create-admin", "--email", "Boss@Example.com", "--name", "Boss", "--password-stdin"],
      `${PASSWORD}\n`,
    );
    expect(created).toMatchObject({ code: ExitCode.ok, stderr: "" });
    expect(created.stdout).toMatch(/^Created admin boss@example\.com \(id \w+\)\.\n$/);

    const again = await run(["users", "create-admin", "--email", "boss@example.com", "--password", PASSWORD]);
    expect(again.code).toBe(ExitCode.ok);
    expect(again.stdout).toMatch(/is now an admin; its password and name are unchanged/);

    const listed = await run(["users", "list", "--json"]);
    expect(listed.code).toBe(ExitCode.ok);
    const accounts = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(accounts).toEqual([expect.objectContaining({ email: "boss@example.com", name: "Boss", role: "admin", disabled: false })]);
    expect(listed.stdout).not.toMatch(/passwordHash|argon2/);

    const table = await run(["users", "list"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+EMAIL\s+NAME\s+ROLE\s+STATUS\s+CREATED$/);
    expect(table.stdout).toMatch(/boss@example\.com\s+Boss\s+admin\s+active/);
  });

  it("refuses to run without a password source (exit 64)", async () => {
    const { code, stderr } = await run(["users", "create-admin", "--email", "a@example.com"]);
    expect(code).toBe(ExitCode.usage);
    expect(stderr).toBe("emporium: no password: pipe it in with --password-stdin (or pass --password)\n");
  });

  it("maps the domain's invalid input to exit 4 with its message", async () => {
    const { code, stderr } = await run(["users", "create-admin", "--email", "not-an-email", "--password-stdin"], "short\n");
    expect(code).toBe(ExitCode.invalid);
    expect(stderr.split("\n")).toHaveLength(2);
    expect(stderr).toMatch(/^emporium: email: .*password: must be at least \d+ characters/);
  });

  it("says so when there are no accounts", async () => {
    expect((await run(["users", "list"])).stdout).toBe("No accounts yet.\n");
    expect(JSON.parse((await run(["users", "list", "--json"])).stdout)).toEqual([]);
  });
});

describe("emporium seed", () => {
  it("seeds the demo catalogue into an empty shop only", async () => {
    const first = await run(["seed", "--demo", "--products", "3"]);
    expect(first.code).toBe(ExitCode.ok);
    expect(first.stdout).toMatch(/^Seeded 3 products \(\d+ variants, \d+ categories\), \d+ reviews and coupon WELCOME10\.\n$/);
    expect(first.stderr).toContain("imported 3/3 products");

    const second = await run(["seed", "--demo"]);
    expect(second).toMatchObject({ code: ExitCode.ok, stdout: "The catalogue already has products; nothing was seeded.\n" });
  });

  it("needs --demo and a whole number of products (exit 64)", async () => {
    expect(await run(["seed"])).toMatchObject({
      code: ExitCode.usage,
      stderr: "emporium: say what to seed: emporium seed --demo [--products N]\n",
    });
    const bad = await run(["seed", "--demo", "--products", "many"]);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toMatch(/expected a whole number, got "many"/);
  });
});
