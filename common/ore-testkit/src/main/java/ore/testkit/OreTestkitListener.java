package ore.testkit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Ties {@link ClassScope} to the JUnit Platform: registered through {@code META-INF/services}, so every
 * module that has the kit on its test classpath gets per-class clean-up without any annotation.
 */
public final class OreTestkitListener implements TestExecutionListener {

    @Override
    public void executionStarted(TestIdentifier id) {
        if (isClass(id)) {
            ClassScope.open();
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (isClass(id)) {
            ClassScope.close();
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        // A skipped class never started: no scope was opened for it.
    }

    private static boolean isClass(TestIdentifier id) {
        return id.isContainer() && id.getSource().filter(ClassSource.class::isInstance).isPresent();
    }
}
