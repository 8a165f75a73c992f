package dev.warden.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.warden.support.JwksServer;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * The doctor's {@link JWTAuthContextInfo}, built outside CDI from the application's configuration, is the one SmallRye
 * JWT built for the running server, field by field: the doctor verifies with exactly what the server verifies with.
 */
@QuarkusTest
@WithTestResource(JwksServer.class)
class SmallRyeJwtContextTest {

    @Inject
    JWTAuthContextInfo injected;

    @Test
    void isTheContextSmallRyeBuildsForTheServer() throws Exception {
        JWTAuthContextInfo server = ClientProxy.unwrap(injected);
        JWTAuthContextInfo doctor = SmallRyeJwtContext.from(ConfigProvider.getConfig());
        List<String> compared = new ArrayList<>();
        for (Field field : JWTAuthContextInfo.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            assertThat(Objects.equals(field.get(doctor), field.get(server)))
                    .as("%s: doctor %s, server %s", field.getName(), field.get(doctor), field.get(server)).isTrue();
            compared.add(field.getName());
        }
        assertThat(compared).contains("issuedBy", "expectedAudience", "publicKeyLocation", "signatureAlgorithm",
                "clockSkew", "requiredClaims", "relaxVerificationKeyValidation");
        // Not vacuous: the test's JWKS server configured these, and both read them.
        assertThat(doctor.getIssuedBy()).isEqualTo(System.getProperty(JwksServer.ISSUER_PROPERTY));
        assertThat(doctor.getExpectedAudience()).containsExactly(JwksServer.AUDIENCE);
        assertThat(doctor.isRelaxVerificationKeyValidation()).isFalse();
    }
}
