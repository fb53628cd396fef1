package dev.vla4j.nodes.web;

import dev.vla4j.nodes.web.sim.ExpertPolicy;
import dev.vla4j.nodes.web.sim.SimTeleopBackend;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.experts.PushExpert;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/** The simulated robot behind a teleop server on a free loopback port, and a Vert.x for the tests' clients. */
final class SimTeleopFixture implements AutoCloseable {
    static final int HORIZON = 8;

    final SimTeleopBackend backend;
    final TeleopServer server;
    final Vertx clients = Vertx.vertx();

    SimTeleopFixture(Path dataset, String token) {
        TableEnv env = new TableEnv("langtable-spatial", "block-to-center", Split.HELD_IN, EnvConfig.DEFAULT);
        backend = new SimTeleopBackend(env, new SimTeleopBackend.Settings(0, 0.2, 1, dataset),
                e -> new ExpertPolicy(e, new PushExpert(), HORIZON));
        server = TeleopServer.start(backend, new TeleopServerOptions("127.0.0.1", 0, token,
                TeleopServerOptions.DEFAULT_DEADMAN_MS));
    }

    WsPage page() throws InterruptedException {
        return WsPage.open(clients, server.port(), "");
    }

    /** A page that holds control (taken as soon as the previous test's pages are gone). */
    WsPage operatorPage() throws InterruptedException {
        WsPage page = page();
        for (int i = 0; i < 50; i++) {
            page.send("control", "op", "take");
            Thread.sleep(20);
            if (page.messages.stream().anyMatch(m -> "state".equals(m.getString("type"))
                    && Integer.valueOf(page.id()).equals(m.getInteger("operator")))) {
                page.messages.clear();
                return page;
            }
        }
        page.close();
        throw new AssertionError("the new page never got control");
    }

    @Override
    public void close() {
        clients.close().await();
        server.close();
        backend.close();
    }
}
