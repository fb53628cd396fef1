package dev.vla4j.perception.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;

/**
 * Starts DJL's PyTorch engine and proves it computes, for {@code vla4j doctor} and for start-up checks.
 *
 * <p>The engine runs offline: libtorch comes from the {@code pytorch-native-cpu} jar and is
 * extracted into {@code DJL_CACHE_DIR}; nothing is downloaded.
 */
public final class TensorEngine {
    public static final String EXPECTED_ENGINE = "PyTorch";

    private TensorEngine() {}

    /** What the engine reported about itself, after a small computation checked its arithmetic. */
    public record Report(String engine, String libtorchVersion, String djlVersion, String device,
                         int intraOpThreads, int interOpThreads, String cacheDir) {}

    /** Raised when the engine cannot start or computes wrongly; the message says what to do. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Starts the engine and multiplies a 2×2 matrix by a vector, checking the result exactly.
     *
     * @throws UnavailableException when the engine is missing, cannot load libtorch, or computes wrongly
     */
    public static Report probe() {
        Engine engine;
        try {
            engine = Engine.getEngine(EXPECTED_ENGINE);
        } catch (RuntimeException | LinkageError e) {
            throw new UnavailableException("the tensor engine (DJL " + EXPECTED_ENGINE + ") cannot start: "
                    + rootMessage(e) + ". libtorch is extracted from the pytorch-native-cpu jar into DJL_CACHE_DIR="
                    + cacheDir() + "; check that the folder is writable with ~450 MB free, and that "
                    + "PYTORCH_LIBRARY_PATH/PYTORCH_VERSION/PYTORCH_FLAVOR are unset or point at a libtorch 2.7.1", e);
        }
        checkArithmetic(engine);
        return new Report(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(),
                engine.defaultDevice().getDeviceType(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
                cacheDir());
    }

    /** Where DJL extracts native libraries: {@code DJL_CACHE_DIR}, else DJL's default under the user's home. */
    public static String cacheDir() {
        return Utils.getEngineCacheDir().toAbsolutePath().toString();
    }

    private static void checkArithmetic(Engine engine) {
        try (NDManager manager = engine.newBaseManager()) {
            NDArray matrix = HostArrays.of(manager, new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray vector = HostArrays.of(manager, new float[] {5, 6}, new Shape(2, 1));
            float[] product = matrix.matMul(vector).toFloatArray(); // (2, 1): [1*5+2*6, 3*5+4*6]
            if (product[0] != 17f || product[1] != 39f) {
                throw new IllegalStateException("2x2 matmul gave " + product[0] + ", " + product[1] + " instead of 17, 39");
            }
        } catch (RuntimeException | LinkageError e) {
            throw new UnavailableException("the tensor engine started but failed a 2x2 matmul check: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
