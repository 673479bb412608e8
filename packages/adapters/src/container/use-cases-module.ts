import type { AppDeps } from "@emporium/domain";
import { ContainerModule, type Bind } from "inversify";
import { singleton } from "./binding.js";
import { Tokens, UseCases } from "./tokens.js";
import { REPLICA_READ_USE_CASES, USE_CASE_NAMES, createUseCase, type UseCaseName } from "./use-case-classes.js";

/** AppDeps and one singleton per use case; read-only catalogue use cases read from the replica. */
export const useCasesModule = () =>
  new ContainerModule(({ bind }) => {
    singleton(
      bind,
      Tokens.AppDeps,
      [
        Tokens.UnitOfWork,
        Tokens.Repositories,
        Tokens.Clock,
        Tokens.IdGenerator,
        Tokens.PasswordHasher,
        Tokens.TokenService,
        Tokens.PaymentGateway,
        Tokens.Notifier,
        Tokens.SearchIndex,
        Tokens.Cache,
        Tokens.Settings,
        Tokens.Reports,
      ],
      (uow, repos, clock, ids, hasher, tokens, payments, notifier, search, cache, settings, reports): AppDeps => ({
        uow,
        repos,
        clock,
        ids,
        hasher,
        tokens,
        payments,
        notifier,
        search,
        cache,
        settings,
        reports,
      }),
    );
    for (const name of USE_CASE_NAMES) bindUseCase(bind, name);
  });

function bindUseCase<K extends UseCaseName>(bind: Bind, name: K): void {
  singleton(bind, UseCases[name], [Tokens.AppDeps, Tokens.ReadRepositories], (deps, readRepos) =>
    createUseCase(name, REPLICA_READ_USE_CASES.has(name) ? { ...deps, repos: readRepos } : deps),
  );
}
