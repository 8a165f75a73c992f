package dev.warden.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints every test or test class that was skipped, with its reason, at the end of the run, where Maven's console
 * summary is: Surefire and Failsafe only count skips, and a skip nobody reads is a silent one.
 */
public class SkipReport implements TestExecutionListener {

    private final List<String> skipped = new CopyOnWriteArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        skipped.add(name(test) + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            skipped.add(name(test) + ": "
                    + result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private static String name(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1) + "." + m.getMethodName())
                .orElse(test.getDisplayName());
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (skipped.isEmpty()) {
            return;
        }
        StringBuilder report = new StringBuilder(System.lineSeparator()).append("SKIPPED, with the reason:");
        skipped.forEach(line -> report.append(System.lineSeparator()).append("  ").append(line));
        System.out.println(report);
        skipped.clear();
    }
}
