package ore.game.adapter.in.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.EnumMap;
import java.util.Map;
import ore.game.domain.node.OreType;

/**
 * The game's business counters, one per ore type (tag {@code ore}): {@code ore.game.mines}, successful
 * mines, and {@code ore.game.claims}, reward claims created. Replayed answers to a retry count nothing.
 * Registered at start-up, not at the first request, so every series is scraped from 0 and the first
 * mine after a start shows in {@code rate()}.
 */
@Context
class PlayCounters {

    private final Map<OreType, Counter> mines = new EnumMap<>(OreType.class);
    private final Map<OreType, Counter> claims = new EnumMap<>(OreType.class);

    PlayCounters(MeterRegistry meters) {
        for (OreType ore : OreType.values()) {
            mines.put(ore, Counter.builder("ore.game.mines").tag("ore", ore.code())
                    .description("Successful mines (not replays), by ore type").register(meters));
            claims.put(ore, Counter.builder("ore.game.claims").tag("ore", ore.code())
                    .description("Reward claims created (not replays), by ore type").register(meters));
        }
    }

    void mined(OreType ore) {
        mines.get(ore).increment();
    }

    void claimed(OreType ore) {
        claims.get(ore).increment();
    }
}
