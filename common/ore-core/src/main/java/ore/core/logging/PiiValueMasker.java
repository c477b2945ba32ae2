package ore.core.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.ValueMasker;

/**
 * Plugs {@link PiiMasker} into the logstash JSON encoder: every string value written to a log line
 * (message, MDC values, arguments, stack traces) passes through it.
 */
public class PiiValueMasker implements ValueMasker {

    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (value instanceof CharSequence text) {
            String masked = PiiMasker.mask(text.toString());
            return masked.contentEquals(text) ? null : masked;
        }
        return null;
    }
}
