import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** One mail as the SMTP server received it, with its MIME parts decoded. */
export interface ReceivedMail {
  readonly envelopeFrom: string;
  readonly envelopeTo: readonly string[];
  /** Header names in lower case, unfolded. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly html: string;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 and a random port that keeps every mail it
 * accepts. No STARTTLS and no AUTH, like a local relay. A mail is stored before the server
 * answers 250, so it is here as soon as the client's send resolves.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<SmtpSink> {
    let sink: SmtpSink | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const from = session.envelope.mailFrom;
          sink!.mails.push({
            envelopeFrom: from === false ? "" : from.address,
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            ...parseMail(Buffer.concat(chunks).toString("utf8")),
          });
          callback();
        });
      },
    });
    sink = new SmtpSink(server);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return sink;
  }

  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  get url(): string {
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  /** The mails sent to `address`. */
  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.envelopeTo.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Headers and the text and HTML parts of a (possibly multipart/alternative) message. */
export function parseMail(raw: string): Pick<ReceivedMail, "headers" | "text" | "html"> {
  const { headers, body } = splitEntity(raw);
  const parts: { headers: Record<string, string>; body: string }[] = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1];
  if (boundary === undefined) {
    parts.push({ headers, body });
  } else {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      parts.push(splitEntity(chunk.replace(/^\r?\n/, "")));
    }
  }
  const partOf = (type: string) => {
    const part = parts.find((p) => (p.headers["content-type"] ?? "text/plain").toLowerCase().startsWith(type));
    return part === undefined ? "" : decodeBody(part.body, part.headers["content-transfer-encoding"] ?? "7bit");
  };
  return { headers, text: partOf("text/plain"), html: partOf("text/html") };
}

function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

/** A transfer-encoded body as text, with LF line ends. */
function decodeBody(body: string, encoding: string): string {
  const trimmed = body.replace(/\r?\n$/, "");
  switch (encoding.toLowerCase()) {
    case "base64":
      return Buffer.from(trimmed.replace(/\s+/g, ""), "base64").toString("utf8").replace(/\r\n/g, "\n");
    case "quoted-printable": {
      const soft = trimmed.replace(/=\r?\n/g, "");
      const bytes: number[] = [];
      for (let i = 0; i < soft.length; i++) {
        const hex = soft.slice(i + 1, i + 3);
        if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
          bytes.push(Number.parseInt(hex, 16));
          i += 2;
        } else {
          bytes.push(...Buffer.from(soft[i]!, "utf8"));
        }
      }
      return Buffer.from(bytes).toString("utf8").replace(/\r\n/g, "\n");
    }
    default:
      return trimmed.replace(/\r\n/g, "\n");
  }
}
