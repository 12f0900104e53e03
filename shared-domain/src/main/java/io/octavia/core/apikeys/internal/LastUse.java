package io.octavia.core.apikeys.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When and from where each key was last used, kept in memory and written every few
 * seconds in one statement for all keys used since (never a write per request). A node
 * that stops loses at most one interval of "last used", which is informational.
 */
@Component
public class LastUse {

	private static final Logger log = LoggerFactory.getLogger(LastUse.class);

	private record Use(Instant at, String address) {
	}

	private final JdbcClient jdbc;

	private volatile Map<String, Use> pending = new ConcurrentHashMap<>();

	LastUse(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(String keyId, String address) {
		pending.put(keyId, new Use(Instant.now(), address));
	}

	@Scheduled(fixedDelayString = "${octavia.apikeys.last-use-flush-interval:5s}",
			initialDelayString = "${octavia.apikeys.last-use-flush-interval:5s}")
	public void flush() {
		Map<String, Use> batch = pending;
		if (batch.isEmpty()) {
			return;
		}
		pending = new ConcurrentHashMap<>();
		Map<String, Use> copy = new HashMap<>(batch);
		String[] keyIds = copy.keySet().toArray(String[]::new);
		List<String> times = new ArrayList<>(keyIds.length);
		List<String> addresses = new ArrayList<>(keyIds.length);
		for (String keyId : keyIds) {
			times.add(copy.get(keyId).at().toString());
			addresses.add(copy.get(keyId).address());
		}
		try {
			jdbc.sql("SELECT octavia_api_key_touch(?::text[], ?::timestamptz[], ?::text[])")
				.params(ApiKeyRows.textArray(List.of(keyIds)), ApiKeyRows.textArray(times),
						ApiKeyRows.textArray(addresses))
				.query()
				.listOfRows();
		}
		catch (DataAccessException ex) {
			log.warn("Could not record the last use of {} API keys: {}", keyIds.length, ex.getMessage());
		}
	}

}
