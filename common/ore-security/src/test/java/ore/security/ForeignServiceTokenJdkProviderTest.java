package ore.security;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** The whole foreign-service suite again, verifying on the JDK's SunEC instead of ACCP. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeignServiceTokenJdkProviderTest extends ForeignServiceTokenTest {

    @Override
    String cryptoProvider() {
        return "jdk";
    }
}
