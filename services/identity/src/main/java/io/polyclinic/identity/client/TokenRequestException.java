package io.polyclinic.identity.client;

/**
 * A refused token request, with its OAuth2 error code (RFC 6749 §5.2). The description is safe to show the caller:
 * it never repeats a secret.
 */
public class TokenRequestException extends RuntimeException {

    /** The OAuth2 error codes the token endpoint answers, with their HTTP status. */
    public enum Error {
        INVALID_REQUEST("invalid_request", 400),
        INVALID_CLIENT("invalid_client", 401),
        UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
        INVALID_SCOPE("invalid_scope", 400);

        private final String code;
        private final int status;

        Error(String code, int status) {
            this.code = code;
            this.status = status;
        }

        /** The {@code error} member, such as {@code invalid_client}. */
        public String code() {
            return code;
        }

        /** The HTTP status of the answer. */
        public int status() {
            return status;
        }
    }

    private final Error error;

    /**
     * @param error the OAuth2 error
     * @param description the {@code error_description}
     */
    public TokenRequestException(Error error, String description) {
        super(description);
        this.error = error;
    }

    /** The OAuth2 error. */
    public Error error() {
        return error;
    }
}
