export type DatabaseTarget =
  { readonly dialect: "sqlite"; readonly filename: string } | { readonly dialect: "postgres"; readonly connectionString: string };

/**
 * Reads a DATABASE_URL: `sqlite:./data/shop.db`, `sqlite:/abs/shop.db`, `sqlite::memory:`,
 * `postgres://…` or `postgresql://…`. Throws one line naming the variable otherwise.
 */
export function parseDatabaseUrl(url: string, variable = "DATABASE_URL"): DatabaseTarget {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { dialect: "postgres", connectionString: trimmed };
  if (/^sqlite:/i.test(trimmed)) {
    // `sqlite:///abs/file.db` and `sqlite://./file.db` are common spellings of the same thing.
    const rest = trimmed.slice("sqlite:".length).replace(/^\/\/(?=[./]|:memory:)/, "");
    if (rest === "") throw new Error(`${variable} sqlite: needs a file path, e.g. sqlite:./data/emporium.db or sqlite::memory:`);
    return { dialect: "sqlite", filename: rest };
  }
  throw new Error(`${variable} must start with sqlite: or postgres://, got ${describe(trimmed)}`);
}

// Shows the scheme only: the rest of a URL may carry a password.
function describe(url: string): string {
  if (url === "") return "an empty value";
  const scheme = /^[a-z][a-z0-9+.-]*:(\/\/)?/i.exec(url);
  if (scheme !== null) return `${scheme[0]}…`;
  return url.length > 24 ? `"${url.slice(0, 24)}…"` : `"${url}"`;
}
