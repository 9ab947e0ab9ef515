package io.polyclinic.platform.grpc;

import io.grpc.MethodDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The per-method access rules of a gRPC server, collected from the service's {@link GrpcAccessRules}: a method is
 * open to service tokens with a scope, or to user access tokens with a role. A method named by several rules accepts
 * a token that meets any of them (for example two roles).
 */
public final class GrpcAccessRegistry {

    /** OAuth2 scope tokens (RFC 6749 §3.3) and role names: printable ASCII without spaces, quotes or backslashes. */
    private static final Pattern NAME = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

    /** Who may call a method. */
    public enum Caller {
        /** a service token (audience {@code polyclinic.service-tokens.audience}) carrying the scope */
        SERVICE,
        /** a user access token (audience {@code polyclinic.security.audience}) carrying the role */
        USER
    }

    /**
     * One rule.
     *
     * @param method a full method name ({@code package.Service/Method})
     * @param caller the kind of token the method accepts
     * @param requirement the scope (service tokens) or role (user tokens) the token must carry
     */
    public record Rule(String method, Caller caller, String requirement) {}

    private final List<Rule> rules = new ArrayList<>();

    /** The methods accept service tokens that carry {@code scope}, and nothing else. */
    public GrpcAccessRegistry serviceScope(String scope, MethodDescriptor<?, ?>... methods) {
        return add(Caller.SERVICE, scope, methods);
    }

    /** The methods accept user access tokens whose {@code roles} hold {@code role} (such as {@code ADMIN}). */
    public GrpcAccessRegistry userRole(String role, MethodDescriptor<?, ?>... methods) {
        return add(Caller.USER, role, methods);
    }

    /** The rules in the order they were declared. */
    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    private GrpcAccessRegistry add(Caller caller, String requirement, MethodDescriptor<?, ?>... methods) {
        if (requirement == null || !NAME.matcher(requirement).matches()) {
            throw new IllegalArgumentException("Not a scope or role name: " + requirement);
        }
        if (methods.length == 0) {
            throw new IllegalArgumentException("A rule needs at least one method");
        }
        Arrays.stream(methods).forEach(method -> rules.add(new Rule(method.getFullMethodName(), caller, requirement)));
        return this;
    }
}
