package dev.warden.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import dev.warden.config.WardenConfig;

/**
 * Fetches the JWKS once and says whether it holds a key Warden can verify with. Used at start-up and by
 * the readiness check; verification itself goes through SmallRye JWT's own cached key resolver.
 */
@ApplicationScoped
public class JwksProbe {

    /** RSA keys shorter than this are refused: 1024-bit RSA is within reach of a determined attacker. */
    static final int MIN_RSA_BITS = 2048;

    private final WardenConfig.Auth config;
    private final HttpClient http;

    public JwksProbe(WardenConfig config) {
        this.config = config.auth();
        this.http = HttpClient.newBuilder()
                .connectTimeout(this.config.jwksTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain-http h2c upgrade requests are dropped by some servers (next start among them).
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public record Result(String url, boolean reachable, int usableKeys, String problem) {
        public boolean ok() {
            return reachable && usableKeys > 0;
        }
    }

    public Result probe() {
        String url = config.jwksUrl();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(config.jwksTimeout())
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Result(url, false, 0, "HTTP " + response.statusCode());
            }
            int usable = countUsable(response.body(), config.algorithms());
            return new Result(url, true, usable, usable == 0 ? "no usable signing key" : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(url, false, 0, "interrupted");
        } catch (IllegalArgumentException e) {
            return new Result(url, false, 0, "invalid URL");
        } catch (JoseException e) {
            return new Result(url, true, 0, "not a JWKS document");
        } catch (Exception e) {
            return new Result(url, false, 0, e.getClass().getSimpleName());
        }
    }

    /** A key counts when it is a signing key Warden accepts: an allowed algorithm (or none stated) and a safe size. */
    static int countUsable(String json, List<String> algorithms) throws JoseException {
        int usable = 0;
        for (JsonWebKey key : new JsonWebKeySet(json).getJsonWebKeys()) {
            if (key.getUse() != null && !"sig".equals(key.getUse())) {
                continue;
            }
            if (key.getAlgorithm() != null && !algorithms.contains(key.getAlgorithm())) {
                continue;
            }
            if (key instanceof RsaJsonWebKey rsa
                    && rsa.getKey() instanceof RSAPublicKey pub
                    && pub.getModulus().bitLength() >= MIN_RSA_BITS
                    && algorithms.stream().anyMatch(a -> a.startsWith("RS") || a.startsWith("PS"))) {
                usable++;
            }
        }
        return usable;
    }
}
