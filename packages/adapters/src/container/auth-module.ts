import { ContainerModule } from "inversify";
import { Argon2PasswordHasher } from "../auth/argon2-password-hasher.js";
import { JoseTokenService } from "../auth/jose-token-service.js";
import { constant, singleton } from "./binding.js";
import { Tokens } from "./tokens.js";

/** Password hashing and tokens; `jwtSecret` is resolved by `createContainer` (configured or stored). */
export const authModule = (jwtSecret: string) =>
  new ContainerModule(({ bind }) => {
    constant(bind, Tokens.PasswordHasher, new Argon2PasswordHasher());
    singleton(
      bind,
      Tokens.TokenService,
      [Tokens.Config, Tokens.Clock],
      (config, clock) =>
        new JoseTokenService({ secret: jwtSecret, issuer: config.jwt.issuer, audience: config.jwt.audience, now: () => clock.now() }),
    );
  });
