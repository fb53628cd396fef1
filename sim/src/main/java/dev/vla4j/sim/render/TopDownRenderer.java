package dev.vla4j.sim.render;

import dev.vla4j.sim.Block;
import dev.vla4j.sim.BlockShape;
import dev.vla4j.sim.Board;
import dev.vla4j.sim.physics.PlanarWorld;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Java2D top-down camera (specs/sim.md §3), headless. The nominal view is a square {@value #VIEW_M} m across,
 * centred on the board; image rows follow the board's x (top row = the robot's side), columns follow y (left =
 * negative y). Blocks are drawn as their outlines, the pusher as a disc on top. One renderer per environment
 * (it owns its image); not thread-safe.
 */
public final class TopDownRenderer {
    /** Width of the nominal view in metres. */
    public static final double VIEW_M = 0.64;

    private final int size;
    private final Palette palette;
    private final BufferedImage image;
    private final Graphics2D g;
    private final byte[] bgr;
    private final AffineTransform worldToPixel;
    private final Map<BlockShape, Path2D> outlines = new EnumMap<>(BlockShape.class);
    private final Rectangle2D board = new Rectangle2D.Double(Board.X_MIN, Board.Y_MIN,
            Board.X_MAX - Board.X_MIN, Board.Y_MAX - Board.Y_MIN);
    private final Ellipse2D pusher = new Ellipse2D.Double();

    /** A renderer for {@code size}² images through {@code camera} in {@code palette}. */
    public TopDownRenderer(int size, Camera camera, Palette palette) {
        this.size = size;
        this.palette = palette;
        this.image = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        this.bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double s = size / VIEW_M * camera.zoom();
        double half = size / 2.0;
        AffineTransform t = new AffineTransform();
        t.translate(half, half);
        t.rotate(camera.rotation());
        // column = s·(y − cy), row = s·(x − cx): a reflection that maps board x to rows and y to columns
        t.concatenate(new AffineTransform(0, s, s, 0, 0, 0));
        t.translate(-(Board.CENTER_X + camera.shiftX()), -(Board.CENTER_Y + camera.shiftY()));
        this.worldToPixel = t;
        for (BlockShape shape : BlockShape.values()) {
            Path2D p = new Path2D.Double();
            double[][] o = shape.outline();
            p.moveTo(o[0][0], o[0][1]);
            for (int i = 1; i < o.length; i++) {
                p.lineTo(o[i][0], o[i][1]);
            }
            p.closePath();
            outlines.put(shape, p);
        }
    }

    /** Image side in pixels. */
    public int size() {
        return size;
    }

    /** Pixel coordinates {column, row} of the board point (x, y). */
    public double[] project(double x, double y) {
        Point2D p = worldToPixel.transform(new Point2D.Double(x, y), null);
        return new double[] {p.getX(), p.getY()};
    }

    /**
     * Draws the scene and returns it as RGB bytes, row-major (height, width, 3).
     *
     * @param blocks kinds of the blocks, in the order of {@code poses}
     * @param poses  {x, y, angle} per block
     */
    public byte[] render(List<Block> blocks, double[][] poses, double eeX, double eeY) {
        g.setTransform(new AffineTransform());
        g.setColor(new Color(palette.floor()));
        g.fillRect(0, 0, size, size);
        g.setTransform(worldToPixel);
        g.setColor(new Color(palette.table()));
        g.fill(board);
        for (int i = 0; i < poses.length; i++) {
            AffineTransform t = new AffineTransform(worldToPixel);
            t.translate(poses[i][0], poses[i][1]);
            t.rotate(poses[i][2]);
            g.setTransform(t);
            g.setColor(new Color(palette.block(blocks.get(i).color())));
            g.fill(outlines.get(blocks.get(i).shape()));
        }
        g.setTransform(worldToPixel);
        g.setColor(new Color(palette.pusher()));
        double r = PlanarWorld.PUSHER_RADIUS_M;
        pusher.setFrame(eeX - r, eeY - r, 2 * r, 2 * r);
        g.fill(pusher);
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        return rgb;
    }
}
