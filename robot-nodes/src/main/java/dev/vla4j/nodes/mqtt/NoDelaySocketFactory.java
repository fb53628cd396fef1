package dev.vla4j.nodes.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off. Paho leaves it on, so a small message written right after a camera
 * frame waits for the broker's delayed ACK (about 40 ms on Linux) before it leaves: {@code vla4j bench loop}
 * measured a 45 ms median camera-to-action loop with it and a few ms without.
 */
final class NoDelaySocketFactory extends SocketFactory {
    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new Socket(address, port, localAddress, localPort));
    }

    private static Socket connected(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
