package ore.location.api;

import java.util.List;
import java.util.Map;

/** The first reason code of a per-fix result, or null when it has none. */
final class ApiTestSupportReasons {

    private ApiTestSupportReasons() {
    }

    @SuppressWarnings("unchecked")
    static String first(Map<String, Object> result) {
        var reasons = (List<String>) result.get("reasons");
        return reasons.isEmpty() ? null : reasons.getFirst();
    }
}
