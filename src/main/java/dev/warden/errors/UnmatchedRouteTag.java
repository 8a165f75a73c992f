package dev.warden.errors;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;

/**
 * Every error answer to a path that matched no route carries one {@code uri} tag, {@code NOT_FOUND}, as Quarkus
 * already tags an unmatched 404. Quarkus tags the other unmatched answers (a 401 for a bad token sent to a path
 * that does not exist, a 405) with the raw path, so user ids and whatever a scanner sends became label values, a
 * new series each. No configuration of Quarkus' binder says "no route matched"; the route it matched does.
 */
@Singleton
class UnmatchedRouteTag implements HttpServerMetricsTagsContributor {

    private static final Tags UNMATCHED = Tags.of("uri", "NOT_FOUND");
    /** Where Quarkus REST leaves the template it matched, and Quarkus' binder the Vert.x route it saw. */
    private static final String REST_TEMPLATE = "UrlPathTemplate";
    private static final String VERTX_ROUTE = "VertxRoute";

    @Override
    public Tags contribute(Context context) {
        HttpServerRequest request = context.request();
        if (request.response().getStatusCode() < 400 || matched(request)) {
            return Tags.empty();
        }
        return UNMATCHED;
    }

    @SuppressWarnings("deprecation") // the same lookup Quarkus' binder makes for the template
    private static boolean matched(HttpServerRequest request) {
        if (!(request instanceof HttpServerRequestInternal internal)) {
            return false;
        }
        if (internal.context().getLocal(REST_TEMPLATE) != null) {
            return true;
        }
        // Quarkus REST itself is the Vert.x route "/", and a wildcard route is a filter in front of everything (health's
        // header scrubbing): neither says an endpoint matched.
        Object route = internal.context().getLocal(VERTX_ROUTE);
        return route instanceof String path && !path.equals("/") && !path.endsWith("*");
    }
}
