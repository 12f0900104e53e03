package io.octavia.core.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay to Redis that a test can cut, as a network failure would: a node pointed at
 * it starts normally, then loses Redis while it runs.
 */
final class RedisRelay implements AutoCloseable {

	private final ServerSocket server;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	RedisRelay(int redisPort) throws IOException {
		server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(() -> {
			while (!server.isClosed()) {
				try {
					Socket client = server.accept();
					Socket redis = new Socket(InetAddress.getLoopbackAddress(), redisPort);
					sockets.add(client);
					sockets.add(redis);
					pipe(client, redis);
					pipe(redis, client);
				}
				catch (IOException ex) {
					return;
				}
			}
		});
	}

	int port() {
		return server.getLocalPort();
	}

	/** Cuts every connection and refuses new ones. */
	@Override
	public void close() throws IOException {
		server.close();
		for (Socket socket : sockets) {
			socket.close();
		}
	}

	private static void pipe(Socket from, Socket to) {
		Thread.ofVirtual().start(() -> {
			try (from; to) {
				from.getInputStream().transferTo(to.getOutputStream());
			}
			catch (IOException ex) {
				// cut
			}
		});
	}

}
