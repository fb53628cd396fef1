package dev.vla4j.nodes.web;

import dev.vla4j.policy.RgbImage;

/**
 * One camera frame as a backend delivers it.
 *
 * @param seq        increases by one per frame of this backend
 * @param capturedAt when the frame was taken, epoch milliseconds (the web page shows the frame's age from it)
 * @param image      the pixels
 */
public record CameraImage(long seq, long capturedAt, RgbImage image) {
    public CameraImage {
        if (image == null) {
            throw new IllegalArgumentException("a camera frame needs an image");
        }
    }
}
