/**
 * The teleop web UI (specs/ux.md §3): {@link dev.vla4j.nodes.web.TeleopServer} serves the bundled page
 * ({@code webroot/}: the camera on a canvas with the predicted chunk drawn over it, instruction box, keyboard teleop,
 * latched E-STOP, episode recording, uPlot latency and action plots) and one WebSocket, and enforces the deadman,
 * the one-operator lease, the token and the webroot's walls. Whatever owns the robot implements
 * {@link dev.vla4j.nodes.web.TeleopBackend}; {@link dev.vla4j.nodes.web.sim.SimTeleopBackend} is the simulator in
 * process, {@link dev.vla4j.nodes.web.remote.RemoteTeleopBackend} makes the page the controller of a robot over
 * ROS 1 or MQTT, {@link dev.vla4j.nodes.web.NodesTeleopBackend} watches running nodes ({@code vla4j demo}), and
 * {@link dev.vla4j.nodes.web.EpisodeRecorder} records episodes for any backend.
 */
package dev.vla4j.nodes.web;
