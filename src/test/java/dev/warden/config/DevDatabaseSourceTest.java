package dev.warden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

class DevDatabaseSourceTest {

    private static ConfigSourceContext context(List<String> profiles, Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(values.get(name)).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }

            @Override
            public List<String> getProfiles() {
                return profiles;
            }
        };
    }

    @Test
    void startsNothingForTestsOrProduction() {
        assertThat(new DevDatabaseSource().getConfigSources(context(List.of("test"), Map.of()))).isEmpty();
        assertThat(new DevDatabaseSource().getConfigSources(context(List.of("prod"), Map.of()))).isEmpty();
    }

    @Test
    void leavesADatabaseUrlOfTheUsersAlone() {
        var configured = Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/mine");
        assertThat(new DevDatabaseSource().getConfigSources(context(List.of("dev"), configured))).isEmpty();
    }

    @Test
    void listensOn54329UnlessToldOtherwiseAndRefusesAPortThatIsNotANumber() {
        assertThat(DevDatabaseSource.port(null)).isEqualTo(54329);
        assertThat(DevDatabaseSource.port(" 55000 ")).isEqualTo(55000);
        assertThatThrownBy(() -> DevDatabaseSource.port("fifty")).hasMessageContaining("EMBEDDED_POSTGRESQL_PORT");
    }
}
