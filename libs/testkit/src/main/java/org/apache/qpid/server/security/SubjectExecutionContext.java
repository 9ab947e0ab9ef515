package org.apache.qpid.server.security;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import javax.security.auth.Subject;

/**
 * Replaces Qpid Broker-J 10.1.0's class of the same name (testkit comes before qpid-broker-core on the classpath;
 * {@code EmbeddedAmqpBroker} checks that it does). Broker-J reads the current subject with
 * {@code Subject.getSubject(AccessController.getContext())}, which throws {@code UnsupportedOperationException} on
 * JDK 24 and later (JEP 486: the Security Manager is gone); this version uses {@link Subject#current()} and
 * {@link Subject#callAs}, which work on JDK 18 and later. Same public methods and behaviour otherwise (decision 0021).
 */
public final class SubjectExecutionContext {

    private SubjectExecutionContext() {}

    /** The subject of the current {@link #withSubject} call, or {@code null}. */
    public static Subject currentSubject() {
        return Subject.current();
    }

    /** Runs {@code action} as {@code subject}; its exception is rethrown as it is. */
    public static <T> T withSubject(Subject subject, Callable<T> action) throws Exception {
        try {
            return Subject.callAs(subject, action);
        } catch (CompletionException e) {
            var cause = e.getCause();
            if (cause == null) {
                throw e;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }

    /** Runs {@code action} as {@code subject}; a checked exception is wrapped in {@link SubjectActionException}. */
    public static <T> T withSubjectUnchecked(Subject subject, Callable<T> action) {
        try {
            return Subject.callAs(subject, action);
        } catch (CompletionException e) {
            var cause = e.getCause();
            if (cause == null) {
                throw e;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SubjectActionException(cause);
        }
    }

    /** Runs {@code action} as {@code subject}. */
    public static void withSubject(Subject subject, Runnable action) {
        withSubjectUnchecked(subject, () -> {
            action.run();
            return null;
        });
    }

    /** The cause of a {@link SubjectActionException}, or the throwable itself. */
    public static Throwable unwrapSubjectActionException(Throwable throwable) {
        return throwable instanceof SubjectActionException wrapper && wrapper.getCause() != null
                ? wrapper.getCause()
                : throwable;
    }

    /** The throwable or its cause as a {@code type}, else {@code fallback} applied to the throwable. */
    public static <T extends Exception> T unwrapSubjectActionException(
            Throwable throwable, Class<T> type, Function<Throwable, T> fallback) {
        if (type.isInstance(throwable)) {
            return type.cast(throwable);
        }
        var cause = throwable.getCause();
        if (type.isInstance(cause)) {
            return type.cast(cause);
        }
        return fallback.apply(throwable);
    }
}
