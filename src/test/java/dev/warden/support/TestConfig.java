package dev.warden.support;

import java.util.Map;

import dev.warden.config.WardenConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** {@link WardenConfig} outside Quarkus, for tests that build the auth classes by hand: its own defaults, plus these keys. */
public final class TestConfig {

    private TestConfig() {
    }

    /** e.g. {@code warden(Map.of("warden.auth.token-cache-size", "5"))}. */
    public static WardenConfig warden(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredConverters()
                .withDefaultValues(overrides).withMapping(WardenConfig.class).build()
                .getConfigMapping(WardenConfig.class);
    }
}
