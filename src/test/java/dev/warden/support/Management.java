package dev.warden.support;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.specification.RequestSpecification;

/** Requests to Warden's management interface (metrics, the full health report, OpenAPI) of the app under test. */
public final class Management {

    private Management() {
    }

    /** A request to the management interface, as {@code given()} is to the app's own port. */
    public static RequestSpecification management() {
        return given().baseUri("http://127.0.0.1").port(port());
    }

    /**
     * The management interface's port in this test run: the one a {@code @QuarkusTest} bound, as Quarkus records it,
     * or the one {@link ManagementPort} gave the packaged app of a {@code @QuarkusIntegrationTest}.
     */
    public static int port() {
        int bound = ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(0);
        if (bound > 0) {
            return bound;
        }
        String given = System.getProperty(ManagementPort.PROPERTY);
        if (given == null) {
            throw new IllegalStateException("an integration test that talks to the management interface needs "
                    + "@WithTestResource(ManagementPort.class)");
        }
        return Integer.parseInt(given);
    }

    /** The Prometheus text Warden exports. */
    public static String metrics() {
        return management().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
