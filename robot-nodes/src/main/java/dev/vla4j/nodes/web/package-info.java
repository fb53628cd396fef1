/**
 * The teleop web UI (specs/ux.md §3): {@link dev.vla4j.nodes.web.TeleopServer} serves the bundled page
 * ({@code webroot/}: the camera on a canvas with the predicted chunk drawn over it, instruction box, keyboard teleop,
 * latched E-STOP, episode recording, uPlot latency and action plots) and one WebSocket, and enforces the deadman,
 * the one-operator lease, the token and the webroot's walls. Whatever owns the robot implements
 * {@link dev.vla4j.nodes.web.TeleopBackend}; {@link dev.vla4j.nodes.web.sim.SimTeleopBackend} is the simulator in
 * process, and {@link dev.vla4j.nodes.web.EpisodeRecorder} records episodes for any backend.
 */
package dev.vla4j.nodes.web;
