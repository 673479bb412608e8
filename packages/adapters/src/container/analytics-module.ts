import { ContainerModule } from "inversify";
import { AnalyticsRefresher } from "../handlers/analytics-refresher.js";
import { BoughtTogetherRecorder } from "../handlers/bought-together-recorder.js";
import { KyselyCustomerStats } from "../sql/kysely-customer-stats.js";
import { KyselyProductPairs } from "../sql/kysely-product-pairs.js";
import { KyselyReportRepository } from "../sql/kysely-report-repository.js";
import { singleton } from "./binding.js";
import { Tokens } from "./tokens.js";

/** Reports and the consumers that keep their figures: customer stats, snapshots, bought-together pairs. */
export const analyticsModule = () =>
  new ContainerModule(({ bind }) => {
    singleton(bind, Tokens.Reports, [Tokens.Database], (database) => new KyselyReportRepository(database.db, database.dialect));
    singleton(
      bind,
      Tokens.AnalyticsRefresher,
      [Tokens.Database, Tokens.Reports, Tokens.Clock],
      (database, reports, clock) =>
        new AnalyticsRefresher({ customerStats: new KyselyCustomerStats(database.db, database.dialect), reports, clock }),
    );
    singleton(
      bind,
      Tokens.BoughtTogetherRecorder,
      [Tokens.Persistence, Tokens.Clock],
      (persistence, clock) =>
        new BoughtTogetherRecorder({ pairs: new KyselyProductPairs(persistence.database.db, persistence.processedEvents), clock }),
    );
  });
