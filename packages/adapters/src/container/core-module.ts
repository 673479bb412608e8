import type { ShopSettings } from "@emporium/domain";
import { ContainerModule } from "inversify";
import type { Config } from "../config.js";
import { SystemClock } from "../memory/system-clock.js";
import { UlidIdGenerator } from "../memory/ulid-id-generator.js";
import { constant, singleton } from "./binding.js";
import type { Logger } from "./logger.js";
import { Tokens } from "./tokens.js";

/** Configuration, logger, clock, ids and the shop settings. */
export const coreModule = (config: Config, settings: ShopSettings, logger: Logger) =>
  new ContainerModule(({ bind }) => {
    constant(bind, Tokens.Config, config);
    constant(bind, Tokens.Settings, settings);
    constant(bind, Tokens.Logger, logger);
    constant(bind, Tokens.Clock, new SystemClock());
    singleton(bind, Tokens.IdGenerator, [Tokens.Clock], (clock) => new UlidIdGenerator(clock));
  });
