package ore.core.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Keeps the values of query parameters out of spans: {@code url.query} and the query part of
 * {@code url.full} keep the parameter names only ({@code lat=?&lon=?}). Queries here carry players'
 * positions and ids, which the logs mask too; a trace needs the route, not the values.
 */
public final class QueryRedaction implements SpanProcessor {

    static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        String query = span.getAttribute(URL_QUERY);
        if (query != null) {
            span.setAttribute(URL_QUERY, redact(query));
        }
        String full = span.getAttribute(URL_FULL);
        if (full != null) {
            int q = full.indexOf('?');
            if (q >= 0) {
                int hash = full.indexOf('#', q);
                String rest = hash >= 0 ? full.substring(q + 1, hash) : full.substring(q + 1);
                span.setAttribute(URL_FULL, full.substring(0, q + 1) + redact(rest));
            }
        }
    }

    /** {@code a=1&b=x&c} becomes {@code a=?&b=?&c}. */
    static String redact(String query) {
        var out = new StringBuilder(query.length());
        for (String part : query.split("&", -1)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            int eq = part.indexOf('=');
            out.append(eq >= 0 ? part.substring(0, eq) + "=?" : part);
        }
        return out.toString();
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
