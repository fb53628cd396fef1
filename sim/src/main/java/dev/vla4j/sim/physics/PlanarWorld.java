package dev.vla4j.sim.physics;

import dev.vla4j.sim.Board;
import java.util.List;
import org.dyn4j.dynamics.Body;
import org.dyn4j.dynamics.BodyFixture;
import org.dyn4j.dynamics.Settings;
import org.dyn4j.dynamics.joint.FrictionJoint;
import org.dyn4j.geometry.Convex;
import org.dyn4j.geometry.Geometry;
import org.dyn4j.geometry.MassType;
import org.dyn4j.geometry.Vector2;
import org.dyn4j.world.World;

/**
 * The tabletop as a top-down dyn4j world (specs/sim.md §2): no gravity in the plane, blocks held back by
 * {@link FrictionJoint}s to the table (Coulomb friction, max force μ·m·g), a round kinematic pusher and four static
 * walls on the board's edges. One control period of {@value #CONTROL_PERIOD_S} s runs as {@code substeps} fixed
 * physics steps. Single-threaded and bitwise deterministic for the same inputs.
 */
public final class PlanarWorld {
    /** Seconds per control step (10 Hz, as Language-Table). */
    public static final double CONTROL_PERIOD_S = 0.1;
    /** Radius of the cylindrical end effector, metres. */
    public static final double PUSHER_RADIUS_M = 0.0125;

    private static final double GRAVITY = 9.81;
    private static final double BLOCK_DENSITY = 50.0;      // kg/m² → about 0.05 kg per block
    private static final double TABLE_FRICTION = 0.4;       // μ block↔table
    private static final double CONTACT_FRICTION = 0.3;     // μ block↔block, block↔pusher, block↔wall
    private static final double TORSION_ARM_M = 0.012;      // lever of the friction torque
    private static final double WALL_THICKNESS = 0.2;

    /** A block's collision hull (counter-clockwise, block frame), start pose and friction scale (1 = nominal). */
    public record BlockBody(double[][] hull, double x, double y, double angle, double frictionScale) {
        /** Validates the hull and the numbers. */
        public BlockBody {
            if (hull == null || hull.length < 3) {
                throw new IllegalArgumentException("a block hull needs at least 3 vertices");
            }
            if (!(frictionScale > 0) || !Double.isFinite(x + y + angle)) {
                throw new IllegalArgumentException("bad block pose or friction scale: " + x + ", " + y + ", "
                        + angle + ", friction×" + frictionScale);
            }
        }
    }

    private final World<Body> world = new World<>();
    private final Body pusher = new Body();
    private final Body[] blocks;
    private final int substeps;

    /** Builds the world with the pusher at (eeX, eeY). */
    public PlanarWorld(List<BlockBody> specs, double eeX, double eeY, int substeps) {
        if (substeps < 1) {
            throw new IllegalArgumentException("substeps must be ≥ 1, got " + substeps);
        }
        this.substeps = substeps;
        Settings settings = world.getSettings();
        settings.setStepFrequency(CONTROL_PERIOD_S / substeps);
        settings.setAtRestDetectionEnabled(false);
        settings.setLinearTolerance(0.0005);
        settings.setMaximumLinearCorrection(0.01);
        world.setGravity(World.ZERO_GRAVITY);

        Body table = walls();
        world.addBody(table);

        pusher.addFixture(Geometry.createCircle(PUSHER_RADIUS_M), 1.0, CONTACT_FRICTION, 0.0);
        pusher.setMass(MassType.INFINITE);
        pusher.translate(eeX, eeY);
        world.addBody(pusher);

        blocks = new Body[specs.size()];
        for (int i = 0; i < blocks.length; i++) {
            BlockBody s = specs.get(i);
            Vector2[] v = new Vector2[s.hull().length];
            for (int k = 0; k < v.length; k++) {
                v[k] = new Vector2(s.hull()[k][0], s.hull()[k][1]);
            }
            Body b = new Body();
            BodyFixture f = b.addFixture(Geometry.createPolygon(v), BLOCK_DENSITY, CONTACT_FRICTION, 0.0);
            f.setRestitution(0.0);
            b.setMass(MassType.NORMAL);
            b.rotate(s.angle());
            b.translate(s.x(), s.y());
            world.addBody(b);
            double maxForce = TABLE_FRICTION * s.frictionScale() * b.getMass().getMass() * GRAVITY;
            FrictionJoint<Body> friction = new FrictionJoint<>(b, table, b.getWorldCenter());
            friction.setMaximumForce(maxForce);
            friction.setMaximumTorque(maxForce * TORSION_ARM_M);
            friction.setCollisionAllowed(true);
            world.addJoint(friction);
            blocks[i] = b;
        }
    }

    private static Body walls() {
        Body t = new Body();
        double w = Board.X_MAX - Board.X_MIN + 2 * WALL_THICKNESS;
        double h = Board.Y_MAX - Board.Y_MIN + 2 * WALL_THICKNESS;
        double cx = Board.CENTER_X;
        double cy = Board.CENTER_Y;
        addWall(t, Geometry.createRectangle(WALL_THICKNESS, h), Board.X_MIN - WALL_THICKNESS / 2, cy);
        addWall(t, Geometry.createRectangle(WALL_THICKNESS, h), Board.X_MAX + WALL_THICKNESS / 2, cy);
        addWall(t, Geometry.createRectangle(w, WALL_THICKNESS), cx, Board.Y_MIN - WALL_THICKNESS / 2);
        addWall(t, Geometry.createRectangle(w, WALL_THICKNESS), cx, Board.Y_MAX + WALL_THICKNESS / 2);
        t.setMass(MassType.INFINITE);
        return t;
    }

    private static void addWall(Body t, Convex c, double x, double y) {
        c.translate(x, y);
        t.addFixture(c, 1.0, CONTACT_FRICTION, 0.0);
    }

    /** Drives the pusher in a straight line to (x, y) over one control period, stepping the physics. */
    public void moveEffector(double x, double y) {
        double fromX = pusher.getTransform().getTranslationX();
        double fromY = pusher.getTransform().getTranslationY();
        pusher.setLinearVelocity((x - fromX) / CONTROL_PERIOD_S, (y - fromY) / CONTROL_PERIOD_S);
        world.step(substeps);
        pusher.getTransform().setTranslation(x, y);
        pusher.setLinearVelocity(0, 0);
    }

    /** Number of blocks. */
    public int blockCount() {
        return blocks.length;
    }

    /** Block {@code i}'s pose {x, y, angle} (origin of its outline frame). */
    public double[] blockPose(int i) {
        var t = blocks[i].getTransform();
        return new double[] {t.getTranslationX(), t.getTranslationY(), t.getRotationAngle()};
    }

    /** End-effector x. */
    public double eeX() {
        return pusher.getTransform().getTranslationX();
    }

    /** End-effector y. */
    public double eeY() {
        return pusher.getTransform().getTranslationY();
    }
}
