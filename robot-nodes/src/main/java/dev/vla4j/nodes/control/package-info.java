/**
 * The long-running nodes: {@link dev.vla4j.nodes.control.SimRobotNode} ({@code vla4j node sim-robot}), {@link
 * dev.vla4j.nodes.control.ControllerNode} ({@code vla4j node controller}) with {@link
 * dev.vla4j.nodes.control.ExpertPolicy}, and {@link dev.vla4j.nodes.control.LoopBench} ({@code vla4j bench loop}).
 *
 * <p>In one process over an embedded broker (what {@code vla4j demo} needs):
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
 *     RobotLink link = new MqttLinkSettings(broker.uri(), new MqttTopics("vla4j", "sim"));
 *     SimRobotNode sim = SimRobotNode.start(SimRobotConfig.defaults("langtable-spatial", null, 0), link);
 *     RobotShape shape = SimRobotNode.shape(EnvConfig.DEFAULT);
 *     RemoteRobot robot = link.controller(shape, SafetyLimits.of(shape.action()), Duration.ofSeconds(1));
 *     ControllerNode controller = ControllerNode.start(robot, new ExpertPolicy(robot),
 *             ControllerConfig.of("expert", 1));
 *     ... // sim.status() / the sim/status topic show task, instruction, episode, success
 *     controller.close(); // explicit stop: hold sent three times
 *     sim.close();
 * }
 * }</pre>
 */
package dev.vla4j.nodes.control;
