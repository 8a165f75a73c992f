package dev.warden.errors;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * The methods each resource path answers, read once from the resource classes' own annotations: the {@code Allow}
 * header of a 405, and what tells a path nobody serves (404) from a method the path does not take (405). Quarkus REST
 * knows neither well enough: its 405 carries no {@code Allow}, and where two resource classes share a path prefix
 * ({@code /api} and {@code /api/{userId}/tasks}) it retries a wrong method on the other class and answers 404.
 */
@Singleton
class AllowedMethods {

    /** {@code {name}} or {@code {name: regex}}, the two forms of a JAX-RS path template variable. */
    private static final Pattern VARIABLE = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    private record Route(Pattern path, String method) {
    }

    private final List<Route> routes;

    AllowedMethods(BeanManager beans) {
        routes = beans.getBeans(Object.class, Any.Literal.INSTANCE).stream().map(Bean::getBeanClass).distinct()
                .filter(type -> type.isAnnotationPresent(Path.class))
                .flatMap(AllowedMethods::routes).toList();
    }

    /** Every method {@code path} (as {@code UriInfo.getPath()} gives it) answers, or none when no resource serves it. */
    Set<String> of(String path) {
        String normal = normal(path);
        Set<String> methods = new TreeSet<>();
        routes.stream().filter(r -> r.path().matcher(normal).matches()).forEach(r -> methods.add(r.method()));
        // Quarkus REST answers these two itself wherever a path is served.
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        if (!methods.isEmpty()) {
            methods.add(HttpMethod.OPTIONS);
        }
        return methods;
    }

    private static Stream<Route> routes(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        return Arrays.stream(resource.getMethods()).flatMap(method -> {
            String verb = verb(method);
            if (verb == null) {
                return Stream.empty();
            }
            Path sub = method.getAnnotation(Path.class);
            return Stream.of(new Route(template(normal(base + "/" + (sub == null ? "" : sub.value()))), verb));
        });
    }

    /** GET, PUT, ...: the value of the method's annotation that is itself annotated {@code @HttpMethod}. */
    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        Matcher variable = VARIABLE.matcher(path);
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(path.substring(last, variable.start())));
            regex.append('(').append(variable.group(1) == null ? "[^/]+" : variable.group(1).strip()).append(')');
            last = variable.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        return Pattern.compile(regex.toString());
    }

    /** One leading slash, no empty segments, no trailing slash. */
    private static String normal(String path) {
        String joined = ("/" + path).replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
