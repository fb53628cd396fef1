package dev.vla4j.cli.node;

import dev.vla4j.nodes.control.ExpertPolicy;
import dev.vla4j.nodes.robot.RemoteRobot;
import dev.vla4j.nodes.robot.RobotShape;
import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;
import dev.vla4j.policy.vla.VlaPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The policy a command drives a remote robot with: {@code expert} or a trained model folder. */
public final class NodePolicies {
    private NodePolicies() {}

    /** Whether {@code name} is the simulated robot's scripted expert (chunks of one action). */
    public static boolean isExpert(String name) {
        return name.equals("expert");
    }

    /** Refuses a {@code --policy} that is neither {@code expert} nor a folder, before anything is started. */
    public static void requireKnown(String name) {
        if (!isExpert(name) && !Files.isDirectory(Path.of(name))) {
            throw new IllegalArgumentException("--policy must be expert or a trained policy folder, got '" + name + "'");
        }
    }

    /**
     * {@code expert}: the suggestions a sim-robot node publishes; else the model in folder {@code name}, shown the
     * robot's primary camera under the name it was trained with. A model is {@link AutoCloseable}.
     */
    public static Policy choose(String name, RemoteRobot robot, RobotShape shape) {
        if (isExpert(name)) {
            return new ExpertPolicy(robot);
        }
        VlaPolicy model = VlaPolicy.load(Path.of(name));
        return new RenamedCamera(model, model.metadata().cameras().get(0), shape.primaryCamera());
    }

    /** The robot names its camera; the model was trained on its dataset's name for it. */
    private record RenamedCamera(VlaPolicy model, String trainedCamera, String robotCamera)
            implements Policy, AutoCloseable {
        @Override
        public ActionChunk predictChunk(Observation o) {
            return model.predictChunk(new Observation(Map.of(trainedCamera, o.images().get(robotCamera)), o.state(),
                    o.instruction(), new float[0],
                    Map.of(trainedCamera, o.instructionStartOrNow().get(robotCamera))));
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
