package ore.location.app;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import ore.core.id.Ids;
import ore.location.app.port.CheatReports;
import ore.location.app.port.EventOutbox;
import ore.location.app.port.PlayerStates;
import ore.location.app.port.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises {@code SuspectedCheat} (topic {@value SuspectedCheat#TOPIC}) when a player's rejections
 * crossed the threshold: an audit row and the event, in one transaction through the outbox. If the
 * database is unavailable the report is not lost for good: the "already reported" mark is cleared so
 * the next counted rejection reports again.
 */
@Singleton
public class CheatReporting {

    private static final Logger LOG = LoggerFactory.getLogger(CheatReporting.class);

    private final CheatReports reports;
    private final EventOutbox outbox;
    private final Transactions tx;
    private final PlayerStates states;
    private final PlayerStates.CheatCounting counting;
    private final Clock clock;

    public CheatReporting(CheatReports reports, EventOutbox outbox, Transactions tx, PlayerStates states,
                          PlayerStates.CheatCounting counting, Clock clock) {
        this.reports = reports;
        this.outbox = outbox;
        this.tx = tx;
        this.states = states;
        this.counting = counting;
        this.clock = clock;
    }

    public void report(UUID playerId, int rejections, List<String> reasons) {
        var report = new SuspectedCheat(playerId, rejections, counting.window().toSeconds(), reasons, clock.instant());
        try {
            tx.run(() -> {
                reports.record(Ids.newId(clock), report);
                outbox.publish(SuspectedCheat.TOPIC, SuspectedCheat.TYPE, playerId.toString(), report);
            });
            LOG.info("SuspectedCheat raised for player {}: {} rejections in {}", playerId, rejections, counting.window());
        } catch (RuntimeException e) {
            LOG.error("SuspectedCheat for player {} could not be stored; it will be raised again at the next "
                    + "counted rejection", playerId, e);
            try {
                states.clearCheatReported(playerId);
            } catch (RuntimeException again) {
                LOG.warn("...and the report mark could not be cleared: {}", again.toString());
            }
        }
    }
}
