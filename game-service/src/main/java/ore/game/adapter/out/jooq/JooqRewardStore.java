package ore.game.adapter.out.jooq;

import static ore.game.adapter.out.jooq.generated.Tables.REWARD;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ore.game.adapter.out.jooq.generated.tables.records.RewardRecord;
import ore.game.app.port.RewardStore;
import ore.game.domain.node.OreType;
import ore.game.domain.reward.Reward;
import ore.game.domain.reward.RewardStatus;

@Singleton
public class JooqRewardStore implements RewardStore {

    private final JooqTransactions tx;

    public JooqRewardStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Reward r) {
        tx.requireTransaction().insertInto(REWARD)
                .set(REWARD.ID, r.id())
                .set(REWARD.PLAYER_ID, r.playerId())
                .set(REWARD.CLIENT_KEY, r.clientKey())
                .set(REWARD.WALLET, r.wallet())
                .set(REWARD.ORE, r.ore().code())
                .set(REWARD.ORE_AMOUNT, r.oreAmount())
                .set(REWARD.TOKEN_AMOUNT, r.tokenAmount())
                .set(REWARD.STATUS, r.status().code())
                .set(REWARD.TX_HASH, r.txHash())
                .set(REWARD.FAILURE_REASON, r.failureReason())
                .set(REWARD.REQUESTED_AT, r.requestedAt())
                .set(REWARD.SETTLED_AT, r.settledAt())
                .execute();
    }

    @Override
    public Optional<Reward> byClientKey(UUID playerId, String clientKey) {
        return tx.dsl().selectFrom(REWARD)
                .where(REWARD.PLAYER_ID.eq(playerId).and(REWARD.CLIENT_KEY.eq(clientKey)))
                .fetchOptional().map(JooqRewardStore::toReward);
    }

    @Override
    public Optional<Reward> lock(UUID rewardId) {
        return tx.requireTransaction().selectFrom(REWARD).where(REWARD.ID.eq(rewardId)).forUpdate()
                .fetchOptional().map(JooqRewardStore::toReward);
    }

    @Override
    public void updateSettlement(Reward r) {
        tx.requireTransaction().update(REWARD)
                .set(REWARD.STATUS, r.status().code())
                .set(REWARD.TX_HASH, r.txHash())
                .set(REWARD.FAILURE_REASON, r.failureReason())
                .set(REWARD.SETTLED_AT, r.settledAt())
                .where(REWARD.ID.eq(r.id()))
                .execute();
    }

    @Override
    public List<Reward> ofPlayer(UUID playerId, Optional<UUID> before, int limit) {
        var condition = REWARD.PLAYER_ID.eq(playerId);
        if (before.isPresent()) {
            condition = condition.and(REWARD.ID.lt(before.get()));
        }
        return tx.dsl().selectFrom(REWARD).where(condition).orderBy(REWARD.ID.desc()).limit(limit)
                .fetch(JooqRewardStore::toReward);
    }

    @Override
    public int anonymise(UUID playerId) {
        return tx.requireTransaction().update(REWARD)
                .setNull(REWARD.PLAYER_ID)
                .setNull(REWARD.WALLET)
                .setNull(REWARD.CLIENT_KEY)
                .where(REWARD.PLAYER_ID.eq(playerId))
                .execute();
    }

    private static Reward toReward(RewardRecord r) {
        return new Reward(r.getId(), r.getPlayerId(), r.getWallet(), OreType.byCode(r.getOre()).orElseThrow(),
                r.getOreAmount(), r.getTokenAmount(), RewardStatus.byCode(r.getStatus()), r.getTxHash(),
                r.getFailureReason(), r.getRequestedAt(), r.getSettledAt(), r.getClientKey());
    }
}
