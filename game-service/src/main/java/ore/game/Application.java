package ore.game;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

@OpenAPIDefinition(info = @Info(title = "ORE game-service", version = "1",
        description = "Ore nodes, mining, the inventory ledger, leaderboards and reward claims. Every endpoint needs a "
                + "player access token from auth-service (admin: the admin role). Errors are application/problem+json "
                + "(RFC 9457) with a stable code per error; when the instance is at capacity any operation may answer "
                + "503 server.overloaded with Retry-After. See docs/client-guide.md.",
                license = @License(name = "Proprietary")),
        security = @SecurityRequirement(name = "bearer"),
        servers = {
                @Server(url = "http://localhost:8080", description = "Local: bin/ore-local's router"),
                @Server(url = "https://play.ore.game", description = "Production")
        })
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {

    public static void main(String[] args) {
        // jOOQ prints a logo and a "tip of the day" into the JSON log otherwise.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Micronaut.build(args).banner(false).start();
    }
}
