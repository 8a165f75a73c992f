package dev.warden.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link AlgorithmAllowListTest} against the packaged app: ES256 (P-256) and EdDSA (Ed25519) verify in the native
 * binary as on the JVM, and an ES256 signature of zeros is refused by the image's own EC code.
 */
@QuarkusIntegrationTest
@TestProfile(AlgorithmAllowListTest.AllAlgorithms.class)
class AlgorithmAllowListIT extends AlgorithmAllowListTest {
}
