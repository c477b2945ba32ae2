package ore.location.adapter.out.jooq;

import static ore.location.adapter.out.jooq.generated.Tables.CHEAT_REPORT;

import jakarta.inject.Singleton;
import java.util.UUID;
import ore.location.app.SuspectedCheat;
import ore.location.app.port.CheatReports;

/** {@link CheatReports} on {@code location.cheat_report}. */
@Singleton
public class JooqCheatReports implements CheatReports {

    private final JooqTransactions tx;

    public JooqCheatReports(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void record(UUID id, SuspectedCheat report) {
        String reasons = String.join(",", report.reasons());
        tx.requireTransaction().insertInto(CHEAT_REPORT)
                .set(CHEAT_REPORT.ID, id)
                .set(CHEAT_REPORT.PLAYER_ID, report.playerId())
                .set(CHEAT_REPORT.REJECTIONS, report.rejections())
                .set(CHEAT_REPORT.WINDOW_SECONDS, (int) report.windowSeconds())
                .set(CHEAT_REPORT.REASONS, reasons.length() <= 255 ? reasons : reasons.substring(0, 255))
                .set(CHEAT_REPORT.DETECTED_AT, report.detectedAt())
                .execute();
    }

    @Override
    public int deletePlayer(UUID playerId) {
        return tx.dsl().deleteFrom(CHEAT_REPORT).where(CHEAT_REPORT.PLAYER_ID.eq(playerId)).execute();
    }
}
