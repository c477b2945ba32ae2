package ore.events.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import ore.testkit.OreInfra;
import ore.testkit.PgDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** A fresh database with the shipped {@code ore/events/outbox.sql} applied to {@code schema}. */
public record OutboxDatabase(PgDatabase db, String schema, DSLContext dsl) {

    public static OutboxDatabase create(String schema) {
        PgDatabase db = OreInfra.postgres();
        DSLContext dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES,
                new Settings().withExecuteLogging(false));
        dsl.createSchema(DSL.name(schema)).execute();
        for (String statement : ddl(schema).split(";")) {
            if (!statement.isBlank()) {
                dsl.execute(statement);
            }
        }
        return new OutboxDatabase(db, schema, dsl);
    }

    public static String ddl(String schema) {
        try (InputStream in = OutboxDatabase.class.getResourceAsStream("/ore/events/outbox.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Strip comment lines so the naive split on ';' sees only statements.
            return sql.lines().filter(l -> !l.stripLeading().startsWith("--"))
                    .reduce("", (a, b) -> a + b + "\n")
                    .replace("${schema}", schema);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int unpublished() {
        return dsl.fetchCount(DSL.table(DSL.name(schema, "outbox")),
                DSL.field(DSL.name("published_at")).isNull());
    }

    public int rows() {
        return dsl.fetchCount(DSL.table(DSL.name(schema, "outbox")));
    }
}
