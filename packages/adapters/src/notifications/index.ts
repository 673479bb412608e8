export * from "./templates.js";
export * from "./once-notifier.js";
export * from "./log/mailbox-notifier.js";
export * from "./smtp/smtp-notifier.js";
