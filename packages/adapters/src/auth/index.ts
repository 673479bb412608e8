export * from "./argon2-password-hasher.js";
export * from "./jose-token-service.js";
