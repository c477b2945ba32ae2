package ore.game.adapter.in.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import ore.game.app.MineResult;
import ore.game.app.NodeService;
import ore.game.app.port.Ledger;
import ore.game.domain.leaderboard.Standing;
import ore.game.domain.hold.Hold;
import ore.game.domain.reward.Reward;
import ore.game.domain.reward.SettlementConflict;

/** Request and response bodies of the game API. */
final class GameDtos {

    private GameDtos() {
    }

    @Serdeable
    record Node(@Schema(example = "8928308280fffff:493127",
            requiredMode = Schema.RequiredMode.REQUIRED) String nodeId, double lat, double lon,
                @Schema(example = "copper",
                        requiredMode = Schema.RequiredMode.REQUIRED) String ore, int capacity, int remaining, double distanceM,
                Instant expiresAt) {

        static Node of(NodeService.NodeView v) {
            var n = v.node();
            return new Node(n.id().toString(), n.position().lat(), n.position().lon(), n.ore().code(), n.capacity(),
                    v.remaining(), Math.round(v.distanceM() * 10) / 10.0, n.hourEnds());
        }
    }

    @Serdeable
    record Nodes(double lat, double lon, @Schema(description = "the radius served (requests above the maximum are capped)",
            requiredMode = Schema.RequiredMode.REQUIRED)
                 double radiusM, long hour, Instant expiresAt, List<Node> nodes) {
    }

    @Serdeable
    record MineRequest(@Schema(example = "8928308280fffff:493127",
            requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 64) String nodeId) {
    }

    @Serdeable
    record Mined(UUID mineId, String nodeId, String ore, long amount, int nodeRemaining, long balance, Instant minedAt,
                 @Schema(description = "true when this is the stored answer to an earlier request with the same key",
                         requiredMode = Schema.RequiredMode.REQUIRED)
                 boolean replayed) {

        static Mined of(MineResult r) {
            return new Mined(r.mineId(), r.nodeId(), r.ore().code(), r.amount(), r.nodeRemaining(), r.balance(),
                    r.minedAt(), r.replayed());
        }
    }

    @Serdeable
    record Holding(String ore, long balance) {
    }

    @Serdeable
    record Inventory(UUID playerId, List<Holding> items) {
    }

    @Serdeable
    record LedgerLine(UUID txId, @Schema(description = "mined | claim | refund | purge",
            requiredMode = Schema.RequiredMode.REQUIRED) String reason, String ore,
                      @Schema(description = "signed: positive into the inventory, negative out of it",
                              requiredMode = Schema.RequiredMode.REQUIRED) long amount,
                      String reference, Instant at) {

        static LedgerLine of(Ledger.HistoryLine l) {
            return new LedgerLine(l.txId(), l.reason().code(), l.ore().code(), l.amount(), l.reference(), l.at());
        }
    }

    @Serdeable
    record LedgerPage(List<LedgerLine> entries,
                      @Schema(description = "pass as cursor for the next (older) page; absent on the last page")
                      @Nullable String nextCursor) {
    }

    @Serdeable
    record Place(long rank, UUID playerId, long score) {

        static Place of(Standing s) {
            return new Place(s.rank(), s.playerId(), s.score());
        }
    }

    @Serdeable
    record Board(String period, List<Place> entries) {
    }

    @Serdeable
    record BoardAroundMe(@Schema(example = "daily", requiredMode = Schema.RequiredMode.REQUIRED) String period,
                         @Schema(type = "object", description = "your place; absent when you have not mined in the period")
                         @Nullable Place me, List<Place> entries) {
    }

    @Serdeable
    record ClaimRequest(@Schema(example = "copper",
            requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 16) String ore,
                        @Schema(description = "units of ore; absent: all of it (up to the largest claim)")
                        @Nullable Long amount) {
    }

    @Serdeable
    record RewardView(UUID rewardId, String ore, long oreAmount,
                      @Schema(description = "token amount in the smallest unit (wei), decimal string",
                              requiredMode = Schema.RequiredMode.REQUIRED) String tokenAmount,
                      @Schema(description = "requested | paid | failed",
                              requiredMode = Schema.RequiredMode.REQUIRED) String status,
                      @Nullable String txHash, @Nullable String failureReason, @Nullable String wallet,
                      Instant requestedAt, @Nullable Instant settledAt) {

        static RewardView of(Reward r) {
            return new RewardView(r.id(), r.ore().code(), r.oreAmount(), r.tokenAmount().toString(), r.status().code(),
                    r.txHash(), r.failureReason(), r.wallet(), r.requestedAt(), r.settledAt());
        }
    }

    @Serdeable
    record Rewards(List<RewardView> rewards, @Nullable String nextCursor) {
    }

    @Serdeable
    record HoldView(UUID holdId, UUID playerId, boolean active, int rejections, long windowSeconds,
                    List<String> reasons, Instant detectedAt, Instant heldAt, @Nullable Instant releasedAt,
                    @Nullable String releasedBy, @Nullable String releaseNote) {

        static HoldView of(Hold h) {
            return new HoldView(h.id(), h.playerId(), h.active(), h.rejections(), h.windowSeconds(), h.reasons(),
                    h.detectedAt(), h.heldAt(), h.releasedAt(), h.releasedBy(), h.releaseNote());
        }
    }

    @Serdeable
    record ConflictView(UUID conflictId, UUID rewardId,
                        @Schema(description = "the claim's final status when the settlement arrived",
                                requiredMode = Schema.RequiredMode.REQUIRED) String recordedStatus,
                        @Schema(description = "what the contradicting settlement said",
                                requiredMode = Schema.RequiredMode.REQUIRED) String incomingStatus,
                        @Nullable String incomingTxHash, @Nullable String incomingReason, Instant detectedAt) {

        static ConflictView of(SettlementConflict c) {
            return new ConflictView(c.id(), c.rewardId(), c.recorded().code(), c.incoming().code(), c.incomingTxHash(),
                    c.incomingReason(), c.detectedAt());
        }
    }

    @Serdeable
    record Export(UUID playerId, List<Holding> inventory, @Nullable Instant lastMinedAt,
                  @Schema(description = "whether mining and claims are on hold for suspected cheating",
                          requiredMode = Schema.RequiredMode.REQUIRED) boolean held,
                  List<HoldView> holds, List<RewardView> rewards) {
    }
}
