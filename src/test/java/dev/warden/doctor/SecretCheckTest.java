package dev.warden.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The doctor's copy of the published secrets, pinned to the files that publish them (the frontend's own list,
 * PUBLISHED_SECRETS in frontend/lib/server-env.ts, is pinned to the same files by its tests).
 */
class SecretCheckTest {

    @Test
    void refusesThePlaceholderOfTheFrontendsEnvExample() {
        List<Check> checks = new SecretCheck(new FrontendSettings(Path.of("frontend", ".env.example"),
                name -> Optional.empty())).run();
        assertThat(checks).singleElement().satisfies(check -> {
            assertThat(check.status()).isEqualTo(Check.Status.FAIL);
            assertThat(check.detail()).contains("is the placeholder of frontend/.env.example");
        });
    }

    @Test
    void knowsTheDevDefaultThatApplicationPropertiesHandsTheFrontend() throws Exception {
        Matcher match = Pattern.compile("dev-env\\.BETTER_AUTH_SECRET=\\$\\{BETTER_AUTH_SECRET:([^}]*)}")
                .matcher(Files.readString(Path.of("src", "main", "resources", "application.properties")));
        assertThat(match.find()).isTrue();
        assertThat(match.group(1)).isEqualTo(SecretCheck.DEV_DEFAULT);
    }
}
