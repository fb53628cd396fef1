/**
 * The safety layer between any command source and a robot (DESIGN.md §6): {@link
 * dev.vla4j.nodes.safety.SafetyLimiter} with its {@link dev.vla4j.nodes.safety.SafetyLimits}. It is a software
 * protective stop; a real robot still needs its own safety-rated stop (hardware, PLC).
 */
package dev.vla4j.nodes.safety;
