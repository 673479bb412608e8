import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import type { AdminCommand } from "@emporium/domain";
import type { CliIo } from "./cli-io.js";

/**
 * Who a CLI change is made by: the system role (whoever runs `emporium` can open the database
 * anyway), recorded in the audit log as `cli:<login>` with a run id, so the log tells a shell
 * session's changes from an admin's requests.
 */
export function adminCommand(io: CliIo): AdminCommand {
  return { actor: { id: `cli:${loginName(io)}`, role: "system" }, requestId: `cli-${randomUUID()}` };
}

function loginName(io: CliIo): string {
  const fromEnv = io.env["USER"] ?? io.env["LOGNAME"] ?? io.env["USERNAME"];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
