package dev.vla4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner turns a leaking call and a non-finite output into failures with their exit codes. */
class BenchRunnerTest {
    private static final BenchRunner.Settings SETTINGS = new BenchRunner.Settings(List.of(1), 1, 1, 3, 10, 0);

    private static BenchRunner runner(StringWriter out) {
        return new BenchRunner(SETTINGS, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void aCallThatLeavesArraysInTheModelsManagerFailsTheRun() {
        try (NDManager owner = NDManager.newBaseManager()) {
            NDArray weight = owner.ones(new Shape(4, 4));
            // weight first: the result lands in the weight's (long-lived) manager, the trap of specs/djl.md §4
            BenchCase leaking = new BenchCase("head", "pro", null, 0, true, owner, call -> weight.matMul(weight));
            StringWriter out = new StringWriter();
            BenchRunner.Failure failure = assertThrows(BenchRunner.Failure.class, () -> runner(out).measure(leaking));
            assertEquals(BenchRunner.MEMORY_GREW, failure.exitCode);
            assertTrue(failure.getMessage().startsWith("3 arrays were left in the model's manager by 3 calls"),
                    failure.getMessage());
            assertTrue(out.toString().contains("\"arrays_left\":3"), "the line is printed before failing: " + out);
        }
    }

    @Test
    void aCallWhoseResultStaysInTheCallManagerPasses() {
        try (NDManager owner = NDManager.newBaseManager()) {
            NDArray weight = owner.ones(new Shape(4, 4));
            NDArray input = owner.ones(new Shape(1, 4));
            BenchCase clean = new BenchCase("head", "pro", null, 0, true, owner, call -> {
                input.tempAttach(call);
                return input.matMul(weight);
            });
            StringWriter out = new StringWriter();
            runner(out).measure(clean);
            assertTrue(out.toString().contains("\"arrays_left\":0"), out.toString());
            assertEquals(2, owner.getManagedArrays().size(), "the input came back to its manager");
        }
    }

    @Test
    void aNonFiniteOutputFailsTheRun() {
        try (NDManager owner = NDManager.newBaseManager()) {
            BenchCase broken = new BenchCase("vision", "fastvithd", "image_size", 64, true, owner,
                    call -> call.create(new float[] {1, Float.NaN}));
            BenchRunner.Failure failure = assertThrows(BenchRunner.Failure.class,
                    () -> runner(new StringWriter()).measure(broken));
            assertEquals(BenchRunner.BAD_OUTPUT, failure.exitCode);
            assertTrue(failure.getMessage().contains("is not finite"), failure.getMessage());
        }
    }
}
