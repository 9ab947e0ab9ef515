package io.polyclinic.testkit.browser;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit condition for browser test classes ({@code @ExtendWith(RequiresChromium.class)}): disabled with the install
 * command when Chromium or chromedriver is missing, except on CI ({@code CI=true}), where the missing browser is an
 * error that fails the build.
 */
public class RequiresChromium implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Chromium.available()) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        var message = "Chromium or chromedriver is missing (" + Chromium.binary() + ", " + Chromium.driverBinary()
                + "): install them with `" + Chromium.INSTALL_COMMAND + "`";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: the browser tests must run)");
        }
        return ConditionEvaluationResult.disabled(message + "; the browser tests are skipped");
    }
}
