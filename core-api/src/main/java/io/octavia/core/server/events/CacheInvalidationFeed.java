package io.octavia.core.server.events;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.branding.BrandCreated;
import io.octavia.core.platform.TenantChangeObserved;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantCreated;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every node reads the tenancy and branding streams in a consumer group of its own (so
 * each node sees every record, from the newest on) and turns each record into a local
 * {@link TenantChangeObserved}, which empties the per-node caches of that tenant. Records
 * missed while a node starts are covered by the caches' time to live.
 */
@Component
class CacheInvalidationFeed {

	static final String LISTENER_ID = "octavia-cache-invalidation";

	private static final Logger log = LoggerFactory.getLogger(CacheInvalidationFeed.class);

	private final ApplicationEventPublisher events;

	CacheInvalidationFeed(ApplicationEventPublisher events) {
		this.events = events;
	}

	@KafkaListener(id = LISTENER_ID, topics = { TenantCreated.TOPIC, BrandCreated.TOPIC },
			groupId = "octavia-caches-#{T(java.util.UUID).randomUUID()}",
			properties = { "auto.offset.reset=latest", "enable.auto.commit=false" })
	void on(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader("x-tenant-id");
		if (header == null) {
			return;
		}
		try {
			TenantId tenant = TenantId.of(new String(header.value(), StandardCharsets.UTF_8));
			events.publishEvent(new TenantChangeObserved(tenant, record.topic()));
		}
		catch (IllegalArgumentException ex) {
			log.warn("Ignoring a {} record with a malformed x-tenant-id header", record.topic());
		}
	}

}
