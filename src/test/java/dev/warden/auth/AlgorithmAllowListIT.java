package dev.warden.auth;

import dev.warden.support.ManagementPort;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link AlgorithmAllowListTest} against the packaged app: ES256 (P-256) and EdDSA (Ed25519) verify in the native
 * binary as on the JVM, and an ES256 signature of zeros is refused by the image's own EC code.
 */
@QuarkusIntegrationTest
@WithTestResource(ManagementPort.class) // its readiness test asks the management interface
@TestProfile(AlgorithmAllowListTest.AllAlgorithms.class)
class AlgorithmAllowListIT extends AlgorithmAllowListTest {
}
