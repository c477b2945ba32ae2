// The realtime socket (protocol ore.v1) with the frame types generated from realtime-engine's AsyncAPI
// document. One socket per game session; requests carry an id the answer repeats; pushes carry the
// channel, offset and epoch to resume from after a reconnect (see docs/realtime-protocol.md).
import type { components } from "./generated/realtime.js";

type Schemas = components["schemas"];
export type ServerFrame = Schemas["ServerFrame"];
export type ClientRequest = Schemas["ClientRequest"];
export type Connected = Schemas["Connected"];
export type Result = Schemas["Result"];
export type Push = Schemas["Push"];
export type RealtimeErrorFrame = Schemas["Error"];
export type Disconnect = Schemas["Disconnect"];
export type Channel = Schemas["Channel"];

/** A request without its id: the connection numbers requests itself. */
type Request = ClientRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/** The socket refused a request (its stable code, e.g. forbidden, rate_limited) or closed. */
export class RealtimeError extends Error {
  constructor(readonly code: RealtimeErrorFrame["code"] | "closed" | "timeout", message: string) {
    super(`${code}: ${message}`);
    this.name = "RealtimeError";
  }
}

/** The WebSocket constructor to use: the platform's (browsers, Node 22+) or one passed in. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

export interface RealtimeOptions {
  /** ws:// or wss:// URL of /ws, e.g. ws://localhost:8080/ws. */
  url: string;
  /** The player's access token; sent as the subprotocol bearer.<token> next to ore.v1. */
  accessToken: string;
  /** How long a request may wait for its answer (default 10 s). */
  timeoutMs?: number;
  WebSocket?: WebSocketConstructor;
}

export class RealtimeConnection {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: Result): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }>();
  private readonly pushListeners = new Set<(push: Push) => void>();
  private readonly disconnectListeners = new Set<(frame: Disconnect) => void>();

  private constructor(private readonly socket: WebSocket, readonly session: Connected, private readonly timeoutMs: number) {}

  /** Opens the socket and waits for the server's connected frame. */
  static open(options: RealtimeOptions): Promise<RealtimeConnection> {
    const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor) {
      throw new Error("no WebSocket implementation: pass one (Node 20 needs --experimental-websocket)");
    }
    const timeoutMs = options.timeoutMs ?? 10_000;
    const socket = new Ctor(options.url, ["ore.v1", `bearer.${options.accessToken}`]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.close();
        reject(new RealtimeError("timeout", `no connected frame within ${timeoutMs} ms`));
      }, timeoutMs);
      let connection: RealtimeConnection | undefined;
      socket.addEventListener("message", (event) => {
        const frame = JSON.parse(String(event.data)) as ServerFrame;
        if (!connection) {
          if (frame.type === "connected") {
            clearTimeout(timer);
            connection = new RealtimeConnection(socket, frame, timeoutMs);
            resolve(connection);
          }
          return;
        }
        connection.receive(frame);
      });
      socket.addEventListener("close", (event) => {
        clearTimeout(timer);
        if (!connection) {
          reject(new RealtimeError("closed", `closed before connected (${event.code} ${event.reason})`));
        } else {
          connection.closed(event.code, event.reason);
        }
      });
    });
  }

  /** Sends a request and resolves with its result; rejects with the error frame's code. */
  request(request: Request): Promise<Result> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RealtimeError("timeout", `no answer to ${request.type} #${id} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.socket.send(JSON.stringify({ ...request, id }));
    });
  }

  /** Subscribes; with the offset and epoch of the last push seen, the answer recovers what was missed. */
  subscribe(channel: Channel, from?: { offset: number; epoch: string }): Promise<Result> {
    return this.request({ type: "subscribe", channel, ...(from ?? {}) });
  }

  onPush(listener: (push: Push) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  /** The server's notice before it closes (1012 restart: reconnect after reconnectAfterMs). */
  onDisconnect(listener: (frame: Disconnect) => void): () => void {
    this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }

  /** The first push that matches, within the timeout. */
  nextPush(matches: (push: Push) => boolean, timeoutMs = this.timeoutMs): Promise<Push> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new RealtimeError("timeout", `no matching push within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = this.onPush((push) => {
        if (matches(push)) {
          clearTimeout(timer);
          stop();
          resolve(push);
        }
      });
    });
  }

  close(): void {
    this.socket.close(1000, "done");
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case "result":
      case "error": {
        const waiting = this.pending.get(frame.id);
        if (!waiting) {
          return;
        }
        this.pending.delete(frame.id);
        clearTimeout(waiting.timer);
        if (frame.type === "result") {
          waiting.resolve(frame);
        } else {
          waiting.reject(new RealtimeError(frame.code, frame.message));
        }
        return;
      }
      case "push":
        this.pushListeners.forEach((listener) => listener(frame));
        return;
      case "disconnect":
        this.disconnectListeners.forEach((listener) => listener(frame));
        return;
      default:
        // Later protocol versions add frame types; clients ignore what they do not know.
        return;
    }
  }

  private closed(code: number, reason: string): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new RealtimeError("closed", `socket closed (${code} ${reason}) before the answer to #${id}`));
    }
    this.pending.clear();
  }
}
