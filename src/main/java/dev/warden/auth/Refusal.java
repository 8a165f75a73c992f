package dev.warden.auth;

import java.util.List;
import java.util.Locale;

import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;


/**
 * Why a token was refused, in a fixed vocabulary that names the failed check and reveals no secret. The same words
 * go into the 401 body, the {@code WWW-Authenticate} challenge, the {@code warden_jwt_refused_total} tag and the
 * DEBUG log line, so an operator can match a client's complaint to a metric and a log line.
 */
public enum Refusal {
    MALFORMED("malformed token"),
    ALGORITHM_NOT_ALLOWED("algorithm not allowed"),
    UNKNOWN_KEY("unknown signing key"),
    SIGNATURE_INVALID("signature verification failed"),
    ISSUER_MISMATCH("issuer mismatch"),
    AUDIENCE_MISMATCH("audience mismatch"),
    NOT_YET_VALID("not yet valid"),
    CLAIM_MISSING("required claim missing"),
    LIFETIME_TOO_LONG("lifetime too long"),
    SESSION_ENDED("session ended"),
    EXPIRED("token expired");

    private final String phrase;

    Refusal(String phrase) {
        this.phrase = phrase;
    }

    /** The words a client and an operator see, e.g. {@code signature verification failed}. */
    String phrase() {
        return phrase;
    }

    /** The metric tag, e.g. {@code signature_invalid}. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The sentence a 401 carries in its body and its {@code error_description}, e.g. {@code Invalid token: signature
     * verification failed}: it names the check that failed and nothing secret; docs/configuration.md lists them.
     */
    public String message() {
        return this == EXPIRED ? "Token has expired" : "Invalid token: " + phrase;
    }

    /**
     * The reason behind jose4j's verdict, which SmallRye wraps. jose4j reports every failed claim at once; the
     * most basic one wins, expiry last, so only an otherwise good token is called expired.
     */
    static Refusal of(InvalidJwtException e) {
        List<ErrorCodeValidator.Error> details = e.getErrorDetails();
        if (details == null || details.isEmpty()) {
            // SmallRye's own checks (smallrye.jwt.required.claims, a named principal) report no jose4j code.
            return CLAIM_MISSING;
        }
        Refusal worst = null;
        for (ErrorCodeValidator.Error detail : details) {
            Refusal r = of(detail.getErrorCode());
            if (worst == null || r.ordinal() < worst.ordinal()) {
                worst = r;
            }
        }
        return worst;
    }

    private static Refusal of(int jose4jCode) {
        return switch (jose4jCode) {
            case ErrorCodes.SIGNATURE_INVALID, ErrorCodes.SIGNATURE_MISSING -> SIGNATURE_INVALID;
            case ErrorCodes.ISSUER_INVALID, ErrorCodes.ISSUER_MISSING -> ISSUER_MISMATCH;
            case ErrorCodes.AUDIENCE_INVALID, ErrorCodes.AUDIENCE_MISSING -> AUDIENCE_MISMATCH;
            case ErrorCodes.NOT_YET_VALID, ErrorCodes.ISSUED_AT_INVALID_FUTURE -> NOT_YET_VALID;
            case ErrorCodes.EXPIRATION_MISSING, ErrorCodes.ISSUED_AT_MISSING, ErrorCodes.NOT_BEFORE_MISSING,
                    ErrorCodes.SUBJECT_MISSING, ErrorCodes.JWT_ID_MISSING -> CLAIM_MISSING;
            case ErrorCodes.EXPIRED -> EXPIRED;
            default -> MALFORMED;
        };
    }
}
