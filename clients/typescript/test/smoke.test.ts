// Smoke test of the TypeScript client against a running backend, through its one public host:
//   ORE_BASE_URL=http://localhost:8080 npm run smoke
// (local's LauncherIT runs it against bin/ore-local's router in every build).
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { test } from "node:test";
import { createOreClient, ok, OreApiError, RealtimeConnection } from "../src/index.js";

const baseUrl: string = process.env.ORE_BASE_URL ?? (() => {
  throw new Error("ORE_BASE_URL is not set: point it at a running stack, e.g. http://localhost:8080 (bin/ore-local)");
})();

/** Two fixes a second apart at one point, the last one now. */
function fixesAt(lat: number, lon: number) {
  const now = Date.now();
  return {
    fixes: [
      { lat, lon, accuracy: 5, ts: now - 1000 },
      { lat, lon, accuracy: 5, ts: now },
    ],
  };
}

/** A new guest, signed in on a client of its own. */
async function newGuest() {
  const client = createOreClient({ baseUrl });
  const guest = await ok(client.auth.POST("/api/auth/guest", { body: { deviceId: randomBytes(16).toString("hex") } }));
  assert.equal(guest.created, true);
  client.setAccessToken(guest.tokens.accessToken);
  return { client, ...guest.tokens };
}

test("a guest signs in, mines a node, sees the push on the socket and reads the inventory", async () => {
  // A scout at Seoul City Hall finds a node; the miner stands at it (walking there would take minutes:
  // a jump would be judged a teleport by the anti-cheat).
  const scout = await newGuest();
  await ok(scout.client.location.POST("/api/location/updates", { body: fixesAt(37.5665, 126.978) }));
  const nodes = await ok(scout.client.game.GET("/api/game/nodes", { params: { query: { lat: 37.5665, lon: 126.978, radius: 1000 } } }));
  const node = nodes.nodes[0];
  assert.ok(node, `a node within 1 km: ${JSON.stringify(nodes)}`);

  const { client, accessToken, playerId } = await newGuest();
  const update = await ok(client.location.POST("/api/location/updates", { body: fixesAt(node.lat, node.lon) }));
  assert.equal(update.accepted, 2, JSON.stringify(update));

  const socket = await RealtimeConnection.open({ url: `${baseUrl.replace(/^http/, "ws")}/ws`, accessToken });
  try {
    assert.equal(socket.session.player, playerId);
    const subscribed = await socket.subscribe(`player:${playerId}`);
    assert.equal(subscribed.type, "result");
    const pushed = socket.nextPush((push) => push.data.type === "inventory.changed", 60_000);

    const mined = await ok(client.game.POST("/api/game/mine", {
      params: { header: { "Idempotency-Key": randomUUID() } },
      body: { nodeId: node.nodeId },
    }));
    assert.equal(mined.nodeId, node.nodeId);
    assert.ok(mined.amount > 0);

    const push = await pushed;
    assert.equal(push.channel, `player:${playerId}`);

    const inventory = await ok(client.game.GET("/api/game/inventory"));
    assert.equal(inventory.playerId, playerId);
    const holding = inventory.items.find((item) => item.ore === mined.ore);
    assert.equal(holding?.balance, mined.balance, JSON.stringify(inventory));
  } finally {
    socket.close();
  }
});

test("errors arrive as problem documents with their stable codes", async () => {
  const anonymous = createOreClient({ baseUrl });
  await assert.rejects(ok(anonymous.game.GET("/api/game/inventory")), (e: unknown) => {
    assert.ok(e instanceof OreApiError);
    assert.equal(e.status, 401);
    assert.equal(e.code, "auth.unauthenticated");
    return true;
  });

  const { client } = await newGuest();
  await assert.rejects(ok(client.game.POST("/api/game/mine", {
    params: { header: { "Idempotency-Key": randomUUID() } },
    body: { nodeId: "not a node" },
  })), (e: unknown) => {
    assert.ok(e instanceof OreApiError);
    assert.equal(e.status, 400);
    assert.equal(e.code, "game.invalid_node_id");
    return true;
  });
});
