package ore.location.adapter.out.redis;

import java.util.ArrayList;
import java.util.List;
import ore.location.domain.fix.Fix;
import ore.location.domain.fix.PlayerTrack;
import ore.location.domain.fix.Verdict;

/**
 * The text form of a {@link PlayerTrack} in Redis, compact and readable with {@code redis-cli}:
 * <pre>v1|&lt;last verdict or -&gt;|&lt;nearby cell, hex&gt;|&lt;judged ts,...&gt;|&lt;lat,lon,acc,ts,speed,heading&gt;;...|&lt;received at ms&gt;</pre>
 * followed by {@code |<received at ms>|<pin fix or empty>}; both are optional when decoding (tracks
 * written before they existed decode with 0 and no pin).
 * Optional speed and heading are empty when absent. Doubles are written with
 * {@link Double#toString}, which reads back bit-exact (the repeated-fix rule compares bits). An
 * unreadable value (a format from a future version, corruption) decodes as an empty track: the
 * player's next fix is then judged without history, which is safe.
 */
final class TrackCodec {

    private static final String VERSION = "v1";

    private TrackCodec() {
    }

    static String encode(PlayerTrack track) {
        var sb = new StringBuilder(64 + track.window().size() * 72 + track.judgedTs().size() * 14);
        sb.append(VERSION).append('|')
                .append(track.lastVerdict() == null ? "-" : track.lastVerdict().name()).append('|')
                .append(Long.toHexString(track.nearbyCell())).append('|');
        for (int i = 0; i < track.judgedTs().size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(track.judgedTs().get(i));
        }
        sb.append('|');
        for (int i = 0; i < track.window().size(); i++) {
            Fix f = track.window().get(i);
            if (i > 0) {
                sb.append(';');
            }
            appendFix(sb, f);
        }
        sb.append('|').append(track.receivedAtMs()).append('|');
        if (track.pin() != null) {
            appendFix(sb, track.pin());
        }
        return sb.toString();
    }

    private static void appendFix(StringBuilder sb, Fix f) {
        sb.append(f.lat()).append(',').append(f.lon()).append(',').append(f.accuracyM()).append(',')
                .append(f.tsMillis()).append(',');
        if (f.hasSpeed()) {
            sb.append(f.speedMps());
        }
        sb.append(',');
        if (f.hasHeading()) {
            sb.append(f.headingDeg());
        }
    }

    static PlayerTrack decode(String body) {
        if (body == null || !body.startsWith(VERSION + "|")) {
            return PlayerTrack.EMPTY;
        }
        try {
            String[] parts = body.split("\\|", -1);
            Verdict verdict = "-".equals(parts[1]) ? null : Verdict.valueOf(parts[1]);
            long cell = Long.parseUnsignedLong(parts[2], 16);
            var judged = new ArrayList<Long>();
            if (!parts[3].isEmpty()) {
                for (String ts : parts[3].split(",")) {
                    judged.add(Long.parseLong(ts));
                }
            }
            var window = new ArrayList<Fix>();
            if (!parts[4].isEmpty()) {
                for (String fix : parts[4].split(";")) {
                    window.add(parseFix(fix));
                }
            }
            long receivedAt = parts.length > 5 && !parts[5].isEmpty() ? Long.parseLong(parts[5]) : 0L;
            Fix pin = parts.length > 6 && !parts[6].isEmpty() ? parseFix(parts[6]) : null;
            return new PlayerTrack(trim(window, PlayerTrack.WINDOW), trim(judged, PlayerTrack.JUDGED),
                    window.isEmpty() ? null : verdict, cell, receivedAt, pin);
        } catch (RuntimeException e) {
            return PlayerTrack.EMPTY;
        }
    }

    private static Fix parseFix(String fix) {
        String[] v = fix.split(",", -1);
        return new Fix(Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
                Long.parseLong(v[3]), v[4].isEmpty() ? Double.NaN : Double.parseDouble(v[4]),
                v[5].isEmpty() ? Double.NaN : Double.parseDouble(v[5]));
    }

    private static <T> List<T> trim(List<T> list, int bound) {
        return list.size() <= bound ? list : list.subList(list.size() - bound, list.size());
    }
}
