package ore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class PropertyChecksTest {

    private static final Gen<String> VALUES = lists().of(integers().between(-1_000, 1_000)).ofSizeBetween(0, 8)
            .zip(strings().basicLatinAlphabet().ofLengthBetween(0, 12), (list, text) -> list + "|" + text);

    @Test
    void theSameSeedGeneratesTheSameValues() {
        assertThat(generated(42L)).hasSizeGreaterThan(50).isEqualTo(generated(42L));
        assertThat(generated(43L)).isNotEqualTo(generated(42L));
    }

    @Test
    void aFalsifiedPropertyReportsItsSeedAndAShrunkValue() {
        assertThatThrownBy(() -> PropertyChecks.qt("falsified", 7L).withExamples(100)
                .forAll(integers().between(0, 1_000_000)).checkAssert(i -> assertThat(i).isLessThan(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Smallest found falsifying value(s) :-" + System.lineSeparator() + "500")
                .hasMessageContaining("Seed was 7");
    }

    @Test
    void theSeedComesFromTheSystemPropertyAndIsPrinted() {
        String before = System.getProperty(PropertyChecks.SEED_PROPERTY);
        PrintStream err = System.err;
        var captured = new ByteArrayOutputStream();
        try {
            System.setProperty(PropertyChecks.SEED_PROPERTY, "123456789");
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            PropertyChecks.qt("fixed");
        } finally {
            System.setErr(err);
            if (before == null) {
                System.clearProperty(PropertyChecks.SEED_PROPERTY);
            } else {
                System.setProperty(PropertyChecks.SEED_PROPERTY, before);
            }
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .isEqualTo("property fixed: seed 123456789 (rerun: -Dore.pbt.seed=123456789)" + System.lineSeparator());
    }

    private static List<String> generated(long seed) {
        var values = new ArrayList<String>();
        PropertyChecks.qt("generated", seed).withExamples(100).forAll(VALUES).checkAssert(values::add);
        return values;
    }
}
