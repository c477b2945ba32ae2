package ore.location.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ore.location.domain.fix.Fix;
import ore.location.domain.fix.PlayerTrack;
import ore.location.domain.fix.Verdict;
import org.junit.jupiter.api.Test;

class TrackCodecTest {

    @Test
    void roundTripsBitExact() {
        PlayerTrack track = PlayerTrack.EMPTY
                .withAccepted(new Fix(37.566512345678901, 126.97801234567891, 4.7, 1_767_225_600_123L, 1.25, 359.5),
                        Verdict.TRUSTED)
                .withRejected(1_767_225_601_000L)
                .withAccepted(Fix.of(-33.8688, 151.2093, 12, 1_767_225_602_000L), Verdict.SUSPICIOUS)
                .withNearbyCell(0x872830828ffffffL);
        PlayerTrack back = TrackCodec.decode(TrackCodec.encode(track));
        assertThat(back).isEqualTo(track);
        assertThat(back.window().get(1).hasSpeed()).isFalse();
    }

    @Test
    void emptyAndUnreadableValuesDecodeAsEmpty() {
        assertThat(TrackCodec.decode(TrackCodec.encode(PlayerTrack.EMPTY))).isEqualTo(PlayerTrack.EMPTY);
        assertThat(TrackCodec.decode(null)).isEqualTo(PlayerTrack.EMPTY);
        assertThat(TrackCodec.decode("v2|whatever")).isEqualTo(PlayerTrack.EMPTY);
        assertThat(TrackCodec.decode("v1|TRUSTED|zz|1|1,2")).isEqualTo(PlayerTrack.EMPTY);
    }
}
