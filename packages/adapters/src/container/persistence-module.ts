import { ContainerModule } from "inversify";
import type { SqlPersistence } from "../sql/create-sql-persistence.js";
import { constant } from "./binding.js";
import { Tokens } from "./tokens.js";

/** The SQL database the DATABASE_URL names, opened and migrated by `createContainer`, and its adapters. */
export const persistenceModule = (persistence: SqlPersistence) =>
  new ContainerModule(({ bind }) => {
    constant(bind, Tokens.Persistence, persistence);
    constant(bind, Tokens.Database, persistence.database);
    constant(bind, Tokens.UnitOfWork, persistence.uow);
    constant(bind, Tokens.Repositories, persistence.repos);
    constant(bind, Tokens.ReadRepositories, persistence.readRepos);
    constant(bind, Tokens.OutboxRelay, persistence.relay);
    constant(bind, Tokens.Mailbox, persistence.mailbox);
    constant(bind, Tokens.SettingsStore, persistence.settings);
  });
