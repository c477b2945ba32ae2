package ore.events.testing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Stands in for what a service brings (HikariCP + its jOOQ wiring): a DSLContext on the test database.
 * Only active in contexts that set {@code test.jdbc.url}.
 */
@Factory
@Requires(property = "test.jdbc.url")
class TestJooqFactory {

    @Singleton
    DSLContext dsl(@Value("${test.jdbc.url}") String url, @Value("${test.jdbc.user}") String user,
                   @Value("${test.jdbc.password:}") String password) {
        var ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        return DSL.using(ds, SQLDialect.POSTGRES);
    }
}
