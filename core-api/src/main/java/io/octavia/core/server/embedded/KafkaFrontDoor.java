package io.octavia.core.server.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stable loopback address in front of the embedded Kafka broker. The KRaft test kit
 * binds random ports and cannot be told otherwise, so the broker advertises this address
 * and the front door forwards bytes to wherever the current broker listens. It lets
 * development mode offer a fixed port, and lets a broker be stopped and started again
 * behind the same address (outage drills).
 * <p>
 * The pipes are platform threads: on virtual threads they queued behind every request
 * waiting for a carrier, and under load Kafka's round trips stretched to seconds.
 */
final class KafkaFrontDoor implements Closeable {

	private final ServerSocket server;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile int brokerPort;

	KafkaFrontDoor(int port) {
		try {
			server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on Kafka port " + port, ex);
		}
		Thread.ofPlatform().daemon().name("kafka-front-door").start(this::accept);
	}

	int port() {
		return server.getLocalPort();
	}

	/** Sends new connections to the broker listening on this port. */
	void forwardTo(int port) {
		brokerPort = port;
	}

	/** Cuts every forwarded connection, as a stopped broker would. */
	void disconnectAll() {
		open.forEach(KafkaFrontDoor::closeQuietly);
		open.clear();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Thread.ofPlatform().daemon().name("kafka-front-door-pipe").start(() -> connect(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void connect(Socket client) {
		try {
			Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
			open.add(client);
			open.add(broker);
			Thread.ofPlatform().daemon().name("kafka-front-door-pipe").start(() -> pipe(client, broker));
			pipe(broker, client);
		}
		catch (IOException ex) {
			closeQuietly(client);
		}
	}

	private void pipe(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side went away: close both below
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			open.remove(from);
			open.remove(to);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing left to do
		}
	}

	@Override
	public void close() {
		disconnectAll();
		try {
			server.close();
		}
		catch (IOException ex) {
			// nothing left to do
		}
	}

}
