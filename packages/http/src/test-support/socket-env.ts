/** The bindings @hono/node-server passes as `c.env`, reduced to the socket's peer: `app.request(path, init, fromSocket(ip))`. */
export const fromSocket = (address: string) => ({
  incoming: { socket: { remoteAddress: address, remotePort: 50_000, remoteFamily: "IPv4" } },
});
