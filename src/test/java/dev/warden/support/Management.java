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

    /** The management interface's port in this test run (Quarkus records the one it bound). */
    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    /** The Prometheus text Warden exports. */
    public static String metrics() {
        return management().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
