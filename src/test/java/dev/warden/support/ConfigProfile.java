package dev.warden.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A test profile that only sets config keys; Quarkus makes profiles by their no-argument constructor, so a subclass passes its keys up. */
public abstract class ConfigProfile implements QuarkusTestProfile {

    private final Map<String, String> overrides;

    protected ConfigProfile(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return overrides;
    }
}
