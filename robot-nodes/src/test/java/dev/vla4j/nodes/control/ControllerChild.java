package dev.vla4j.nodes.control;

/**
 * A controller node with the expert policy in a child JVM, for tests that kill it (SIGKILL: no shutdown path):
 * args are those of {@link NodesEndToEndContract#link(String[])}; prints READY once running.
 */
public final class ControllerChild {
    private ControllerChild() {}

    public static void main(String[] args) throws Exception {
        ControllerNode controller = NodesEndToEndContract.startController(NodesEndToEndContract.link(args));
        System.out.println("READY " + controller.status().mode());
        System.out.flush();
        System.in.read(); // until killed
    }
}
