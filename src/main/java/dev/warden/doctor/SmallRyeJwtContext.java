package dev.warden.doctor;

import java.lang.reflect.Field;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.config.inject.ConfigProducerUtil;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;

/**
 * The {@link JWTAuthContextInfo} SmallRye JWT builds for the server, built the same way outside CDI: its own
 * {@link JWTAuthContextInfoProvider}, each {@code @ConfigProperty} field filled as CDI injection fills it (SmallRye
 * Config's {@link ConfigProducerUtil#getValue(String, java.lang.reflect.Type, String, Config)}, which handles
 * {@code Optional}, collections and defaults; Quarkus injects such fields even without {@code @Inject}), then its
 * {@link JWTAuthContextInfoProvider#getContextInfo()}. No mapping of our own, so no setting can be read differently.
 */
final class SmallRyeJwtContext {

    private SmallRyeJwtContext() {
    }

    static JWTAuthContextInfo from(Config config) {
        JWTAuthContextInfoProvider provider = new JWTAuthContextInfoProvider();
        for (Field field : JWTAuthContextInfoProvider.class.getDeclaredFields()) {
            ConfigProperty property = field.getAnnotation(ConfigProperty.class);
            if (property == null) {
                continue;
            }
            String defaultValue = ConfigProperty.UNCONFIGURED_VALUE.equals(property.defaultValue()) ? null
                    : property.defaultValue();
            Object value = ConfigProducerUtil.getValue(property.name(), field.getGenericType(), defaultValue, config);
            try {
                field.setAccessible(true);
                field.set(provider, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set " + field.getName() + " of SmallRye's JWTAuthContextInfoProvider", e);
            }
        }
        return provider.getContextInfo();
    }
}
