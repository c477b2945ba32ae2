package ore.auth.domain.siwe;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Table-driven tests with plain JUnit Jupiter API ({@code @TestFactory}), so the module needs no
 * junit-jupiter-params dependency.
 */
final class Cases {

    private Cases() {
    }

    /** One dynamic test per input, named after the input. */
    static Stream<DynamicTest> each(List<String> inputs, Consumer<String> check) {
        return inputs.stream().map(input -> DynamicTest.dynamicTest(name(input), () -> check.accept(input)));
    }

    private static String name(String input) {
        return input.isBlank() ? "\"" + input.replace("\t", "\\t") + "\" (blank)" : input;
    }
}
