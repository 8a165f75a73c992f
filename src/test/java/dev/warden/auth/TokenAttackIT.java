package dev.warden.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Every attack of {@link TokenAttackTest} against the packaged app: the jar in {@code ./mvnw verify}, the native
 * binary in the native build, where a missing JCA provider, curve or registration would first show.
 */
@QuarkusIntegrationTest
class TokenAttackIT extends TokenAttackTest {
}
