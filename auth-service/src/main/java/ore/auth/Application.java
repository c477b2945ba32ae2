package ore.auth;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;

@OpenAPIDefinition(info = @Info(title = "ORE auth-service", version = "1",
        description = "Accounts, sessions (ES256 access tokens + rotating refresh tokens), wallet link with "
                + "Sign-In with Ethereum, GDPR export and deletion. Errors are application/problem+json (RFC 9457)."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
