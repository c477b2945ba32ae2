package ore.location.app.port;

import java.util.UUID;
import ore.location.app.SuspectedCheat;

/** The audit trail of SuspectedCheat reports (one row per report). Call inside {@link Transactions}. */
public interface CheatReports {

    void record(UUID id, SuspectedCheat report);

    int deletePlayer(UUID playerId);
}
