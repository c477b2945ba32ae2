package ore.game.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import ore.game.domain.node.OreType;
import org.junit.jupiter.api.Test;

/** The rules a ledger transaction obeys before it ever reaches the database. */
class LedgerTransactionTest {

    static final UUID PLAYER = UUID.fromString("0190b0c0-0000-7000-8000-000000000001");
    static final Instant AT = Instant.parse("2026-11-26T00:00:00Z");

    @Test
    void theNamedTransactionsMoveOreBetweenTheRightAccounts() {
        UUID reward = UUID.randomUUID();
        var mined = LedgerTransaction.mined(UUID.randomUUID(), PLAYER, OreType.GOLD, 1, "node", AT);
        assertThat(mined.entries()).containsExactly(new Entry(Account.world(OreType.GOLD), -1),
                new Entry(Account.player(PLAYER, OreType.GOLD), 1));
        assertThat(LedgerTransaction.claim(UUID.randomUUID(), PLAYER, OreType.GOLD, 5, reward, AT).entries())
                .containsExactly(new Entry(Account.player(PLAYER, OreType.GOLD), -5), new Entry(Account.escrow(OreType.GOLD), 5));
        assertThat(LedgerTransaction.paid(UUID.randomUUID(), OreType.GOLD, 5, reward, AT).entries())
                .containsExactly(new Entry(Account.escrow(OreType.GOLD), -5), new Entry(Account.paid(OreType.GOLD), 5));
        assertThat(LedgerTransaction.refund(UUID.randomUUID(), PLAYER, OreType.GOLD, 5, reward, AT).entries())
                .containsExactly(new Entry(Account.escrow(OreType.GOLD), -5), new Entry(Account.player(PLAYER, OreType.GOLD), 5));
        assertThat(LedgerTransaction.refund(UUID.randomUUID(), null, OreType.GOLD, 5, reward, AT).entries())
                .containsExactly(new Entry(Account.escrow(OreType.GOLD), -5), new Entry(Account.purged(OreType.GOLD), 5));
        assertThat(LedgerTransaction.purge(UUID.randomUUID(), PLAYER, OreType.GOLD, 5, AT).reference())
                .isEqualTo(PLAYER.toString());
    }

    @Test
    void anUnbalancedTransactionCannotBeBuilt() {
        assertThatThrownBy(() -> new LedgerTransaction(UUID.randomUUID(), Reason.MINED, "x",
                List.of(new Entry(Account.world(OreType.IRON), -1), new Entry(Account.player(PLAYER, OreType.IRON), 2)), AT))
                .hasMessageContaining("sum to 1");
    }

    @Test
    void oneEntryTwiceTheSameAccountOrMixedOresAreRefused() {
        assertThatThrownBy(() -> new LedgerTransaction(UUID.randomUUID(), Reason.MINED, "x",
                List.of(new Entry(Account.world(OreType.IRON), 0)), AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerTransaction(UUID.randomUUID(), Reason.MINED, "x",
                List.of(new Entry(Account.world(OreType.IRON), -1)), AT)).hasMessageContaining("at least two");
        assertThatThrownBy(() -> new LedgerTransaction(UUID.randomUUID(), Reason.MINED, "x",
                List.of(new Entry(Account.world(OreType.IRON), -1), new Entry(Account.world(OreType.IRON), 1)), AT))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new LedgerTransaction(UUID.randomUUID(), Reason.MINED, "x",
                List.of(new Entry(Account.world(OreType.IRON), -1), new Entry(Account.player(PLAYER, OreType.GOLD), 1)), AT))
                .hasMessageContaining("one ore");
        assertThatThrownBy(() -> LedgerTransaction.claim(UUID.randomUUID(), PLAYER, OreType.IRON, 0, UUID.randomUUID(), AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overflowIsRefusedNotWrapped() {
        assertThatThrownBy(() -> new LedgerTransaction(UUID.randomUUID(), Reason.MINED, "x",
                List.of(new Entry(Account.world(OreType.IRON), Long.MAX_VALUE), new Entry(Account.escrow(OreType.IRON), 1),
                        new Entry(Account.paid(OreType.IRON), Long.MIN_VALUE)), AT))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void accountCodesAreStable() {
        assertThat(Account.player(PLAYER, OreType.COPPER).code()).isEqualTo("player:" + PLAYER + ":copper");
        assertThat(Account.world(OreType.COPPER).code()).isEqualTo("world:copper");
        assertThat(Account.escrow(OreType.COPPER).code()).isEqualTo("rewards:escrow:copper");
        assertThat(Account.paid(OreType.COPPER).code()).isEqualTo("rewards:paid:copper");
        assertThat(Account.purged(OreType.COPPER).code()).isEqualTo("purged:copper");
        assertThat(AccountKind.WORLD.mayGoNegative()).isTrue();
        assertThat(AccountKind.PLAYER.mayGoNegative()).isFalse();
    }
}
